using System.Globalization;

namespace DefenderConnector.Pulling;

/// <summary>What to do with a stored position the partition can no longer honour (<c>eventHub.onInvalidCheckpoint</c>).</summary>
internal enum InvalidCheckpointAction
{
    /// <summary>Read the partition from its oldest retained event (the default: nothing retained is skipped).</summary>
    Earliest,

    /// <summary>Skip to the partition's tail: only events that arrive from now on.</summary>
    Latest,

    /// <summary>Fail the pull with an explanation; the position stays as it is.</summary>
    Fail,
}

/// <summary>
/// Tells whether a committed position still makes sense for a partition. A checkpoint beyond the
/// partition's last sequence number means the hub was re-created or the state database restored from
/// another hub: resuming "after" it would skip every new event. A checkpoint before the oldest
/// retained event means events expired unread: that loss is reported, not silent. A pure function.
/// </summary>
internal static class CheckpointCheck
{
    /// <returns>Null when the checkpoint is fine, else the problem in plain words.</returns>
    public static string? Find(long? checkpoint, long beginningSequenceNumber, long lastSequenceNumber, bool isEmpty)
    {
        if (checkpoint is not { } at)
        {
            return null;
        }

        if (at > lastSequenceNumber)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the checkpoint (sequence number {at}) is beyond the partition's last event ({lastSequenceNumber}); the hub was re-created or the state database belongs to another hub");
        }

        if (!isEmpty && at < beginningSequenceNumber - 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the checkpoint (sequence number {at}) is older than the partition's oldest retained event ({beginningSequenceNumber}); events {at + 1} to {beginningSequenceNumber - 1} expired before they were read");
        }

        return null;
    }
}
