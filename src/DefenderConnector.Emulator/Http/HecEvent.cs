namespace DefenderConnector.Emulator.Http;

/// <summary>One event HEC took: the raw JSON text of its <c>event</c> value, and the envelope's metadata.</summary>
public sealed record HecEvent(string Event, string? Index, string? SourceType, string? Source, string? Host, string Token);
