namespace DefenderConnector.Abstractions;

/// <summary>A line or record of a replay input that produced no event.</summary>
/// <param name="Line">The 1-based line of the input where the rejected value starts.</param>
/// <param name="RecordIndex">The record's index inside its envelope or page, or null for the whole line.</param>
/// <param name="Reason">A short reason code, for example <c>NotJson</c>, <c>UnknownShape</c>, <c>RecordUnmappable</c>.</param>
/// <param name="Detail">Plain words on what was wrong.</param>
public sealed record ReplayDeadLetter(long Line, int? RecordIndex, string Reason, string Detail);
