namespace DefenderConnector.Emulator.Http;

/// <summary>One record the Logs Ingestion API took: rule, stream and the element's JSON text exactly as sent.</summary>
public sealed record IngestedRecord(string RuleId, string Stream, string Json);
