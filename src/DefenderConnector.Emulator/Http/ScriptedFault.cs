namespace DefenderConnector.Emulator.Http;

/// <summary>One scripted answer that replaces the real one.</summary>
/// <param name="Status">The HTTP status to answer (401, 403, 404, 429, 500, 503...).</param>
/// <param name="RetryAfterSeconds">The <c>Retry-After</c> header, if any.</param>
/// <param name="QueryContains">Only requests whose raw query contains this text (for example <c>expand</c>) consume the fault.</param>
public sealed record ScriptedFault(int Status, int? RetryAfterSeconds = null, string? QueryContains = null);
