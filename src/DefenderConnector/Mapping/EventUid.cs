using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;

namespace DefenderConnector.Mapping;

/// <summary>
/// Deterministic event ids: a replay of the same source position (or the same API object version)
/// yields the same <c>metadata.uid</c>, so a host can drop duplicates. The id is a UUID built from
/// the first 16 bytes of SHA-256 over the position, with the version nibble set to 8 (custom).
/// </summary>
internal static class EventUid
{
    /// <summary>For an Event Hub record: namespace, hub, partition, sequence number, record index. The consumer group is left out: every group reads the same event.</summary>
    public static string ForEventHubRecord(string fullyQualifiedNamespace, string hub, string partition, long sequenceNumber, int recordIndex)
    {
        // Called once per record: the key is formatted straight into stack memory as UTF-8 (the same
        // bytes the string below encodes to); only the id itself is allocated. ToLowerInvariant
        // returns the same instance when the name is already lower case, as configured names are.
        var ns = fullyQualifiedNamespace.ToLowerInvariant();
        var hubName = hub.ToLowerInvariant();
        Span<byte> key = stackalloc byte[512];
        if (Utf8.TryWrite(key, CultureInfo.InvariantCulture, $"eh|{ns}|{hubName}|{partition}|{sequenceNumber}|{recordIndex}", out var written))
        {
            return FromUtf8(key[..written]);
        }

        return From(string.Create(CultureInfo.InvariantCulture, $"eh|{ns}|{hubName}|{partition}|{sequenceNumber}|{recordIndex}"));
    }

    /// <summary>For a line of an Azure Storage export blob: account, container, blob name and the line's byte offset (a blob only grows, so the offset is stable).</summary>
    public static string ForStorageRecord(string account, string container, string blob, long offset) =>
        From(string.Create(CultureInfo.InvariantCulture, $"blob|{account.ToLowerInvariant()}|{container.ToLowerInvariant()}|{blob}|{offset}"));

    /// <summary>For an API object: its kind, id and last update time (an update is a new event of the same finding).</summary>
    public static string ForApiObject(RecordKind kind, string id, string lastUpdate) =>
        From($"api|{kind}|{id}|{lastUpdate}");

    private static string From(string key)
    {
        var max = Encoding.UTF8.GetMaxByteCount(key.Length);
        var rented = ArrayPool<byte>.Shared.Rent(max);
        try
        {
            var length = Encoding.UTF8.GetBytes(key, rented);
            return FromUtf8(rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static string FromUtf8(ReadOnlySpan<byte> key)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(key, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true).ToString("D");
    }
}
