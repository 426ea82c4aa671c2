namespace DefenderConnector.Emulator.Http;

/// <summary>One document <c>_bulk</c> took: where it went and its source line, exactly as sent.</summary>
public sealed record BulkDocument(string Target, string Action, string Source);
