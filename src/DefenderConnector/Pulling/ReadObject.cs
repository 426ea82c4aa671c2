using DefenderConnector.Mapping;

namespace DefenderConnector.Pulling;

/// <summary>One API object (incident, alert) to map, or to dead-letter when <see cref="DeadReason"/> is set (it has no identity).</summary>
/// <param name="Json">The object as the API sent it.</param>
/// <param name="Origin">Its kind, event id and time.</param>
/// <param name="DeadReason">Why it cannot be delivered, or null.</param>
/// <param name="DeadDetail">The dead letter's detail.</param>
/// <param name="Sequence">Where the object sits in its stream, for its dead letter's sequence number (a replay's input line), or null.</param>
/// <param name="RecordIndex">Its index in the array or page that held it, for its dead letter, or null.</param>
internal readonly record struct ReadObject(ReadOnlyMemory<byte> Json, RecordOrigin Origin, string? DeadReason = null, string? DeadDetail = null, long? Sequence = null, int? RecordIndex = null);
