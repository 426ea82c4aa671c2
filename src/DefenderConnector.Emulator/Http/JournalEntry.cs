namespace DefenderConnector.Emulator.Http;

/// <summary>One journaled request.</summary>
public sealed record JournalEntry(EmulatedRoute Route, string Query, int Status);
