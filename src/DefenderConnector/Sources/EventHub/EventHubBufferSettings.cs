using DefenderConnector.Configuration;

namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// Reads <c>prefetchBytes</c> and <c>batchBytes</c>, the byte bounds on what a partition receiver holds.
/// The SDK uses either a prefetch size in bytes or a prefetch count, never both: an explicit
/// <c>prefetch</c> alone keeps counting messages, as it did before the byte bound existed.
/// </summary>
internal static class EventHubBufferSettings
{
    public static (long? PrefetchBytes, long BatchBytes) Read(SettingsNode node)
    {
        long? prefetchBytes = EventHubConstants.DefaultPrefetchBytes;
        if (node.Has("prefetchBytes"))
        {
            prefetchBytes = Bytes(node, "prefetchBytes", allowZero: true);
            if (prefetchBytes == 0)
            {
                // 0 turns the byte bound off: the SDK's credit is then the prefetch count.
                prefetchBytes = null;
            }
            else if (node.Has("prefetch"))
            {
                node.Problem("prefetchBytes", "and eventHub.prefetch are both set, but the Event Hubs SDK uses one of them: give prefetchBytes (bytes, bounds memory whatever the message size) or prefetch (messages; then set prefetchBytes to 0 or remove it).");
            }
        }
        else if (node.Has("prefetch"))
        {
            prefetchBytes = null;
        }

        var batchBytes = node.Has("batchBytes") ? Bytes(node, "batchBytes", allowZero: false) ?? EventHubConstants.DefaultBatchBytes : EventHubConstants.DefaultBatchBytes;
        return (prefetchBytes, batchBytes);
    }

    private static long? Bytes(SettingsNode node, string key, bool allowZero)
    {
        var value = node.Integer(key, 0, EventHubConstants.MaxBufferBytes);
        if (value is null || (allowZero && value == 0))
        {
            return value;
        }

        if (value < EventHubConstants.MinBufferBytes)
        {
            node.Problem(key, $"must be at least {EventHubConstants.MinBufferBytes} bytes (64 KiB){(allowZero ? ", or 0 to count messages with eventHub.prefetch instead" : string.Empty)}, found {value}.");
            return null;
        }

        return value;
    }
}
