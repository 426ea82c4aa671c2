namespace DefenderConnector.Checkpoints.Blob;

/// <summary>
/// Blob names in the container. Checkpoints and ownership use the Azure Event Hubs SDKs' layout
/// (<c>namespace/hub/consumergroup/checkpoint/partition</c> and <c>.../ownership/partition</c>, the first
/// three lowercased as the .NET and JavaScript stores do, empty blobs whose metadata holds the state), so
/// Microsoft's processors and this connector can continue from each other's checkpoints. Cursors,
/// dead letters and pull history are the connector's own, under prefixes no SDK uses.
/// </summary>
internal static class BlobNames
{
    public const string OwnerIdKey = "ownerid";
    public const string OffsetKey = "offset";
    public const string SequenceNumberKey = "sequencenumber";
    public const string ReasonKey = "reason";

    /// <summary>Dead-letter metadata: when a re-drive delivered it (round-trip time).</summary>
    public const string DoneKey = "done";

    /// <summary>Dead-letter metadata: when a re-drive took it to deliver it (round-trip time).</summary>
    public const string ClaimedKey = "claimed";

    /// <param name="stream"><c>namespace/hub/consumergroup</c>.</param>
    public static string Checkpoint(string stream, string partition) => CheckpointPrefix(stream) + partition;

    public static string CheckpointPrefix(string stream) => stream.ToLowerInvariant() + "/checkpoint/";

    public static string OwnershipPrefix(string stream) => stream.ToLowerInvariant() + "/ownership/";

    public static string Ownership(string stream, string partition) => OwnershipPrefix(stream) + partition;

    /// <summary>A Graph or legacy API cursor; the key is escaped so that any text makes one blob name.</summary>
    public static string Cursor(string key) => "defender-connector/cursors/" + Uri.EscapeDataString(key);

    public const string DeadLetterPrefix = "defender-connector/dead-letters/";

    /// <summary>
    /// Time, then the position in the message (zero-padded), then a unique id: letters of one commit share the
    /// millisecond, and ordering by name then numbers them in the order the pull met them (see <c>dead-letters list</c>).
    /// </summary>
    public static string DeadLetter(DeadLetter letter, string id) =>
        $"{DeadLetterPrefix}{letter.Source}/{letter.At:yyyy/MM/dd}/{letter.At:HHmmssfff}-{letter.SequenceNumber ?? 0:D19}-{(letter.RecordIndex ?? -1) + 1:D6}-{id}";

    /// <summary>The last pull of each source (one blob per source, the newest write wins), read by <c>status</c>.</summary>
    public const string LastPullPrefix = "defender-connector/last-pull/";

    public static string LastPull(string source) => LastPullPrefix + Uri.EscapeDataString(source) + ".json";

    public const string PullHistoryPrefix = "defender-connector/pulls/";

    public static string PullHistory(string source, DateTimeOffset started, string ownerId) =>
        $"{PullHistoryPrefix}{source}/{started:yyyy/MM/dd/HHmmssfff}-{ownerId}.json";
}
