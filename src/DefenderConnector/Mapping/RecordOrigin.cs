namespace DefenderConnector.Mapping;

/// <summary>Where a record came from, known before its content is read.</summary>
/// <param name="Kind">What the record is.</param>
/// <param name="Uid">The deterministic event id (<c>metadata.uid</c>), see <see cref="EventUid"/>.</param>
/// <param name="ReceivedTime">When the source received it (Event Hub enqueued time), if known.</param>
internal readonly record struct RecordOrigin(RecordKind Kind, string Uid, DateTimeOffset? ReceivedTime);
