using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DefenderConnector.Mapping;

namespace DefenderConnector.Replay;

/// <summary>
/// Event ids for replayed data. API objects keep the id a live pull gives them
/// (<see cref="EventUid.ForApiObject"/>), so replaying an export next to live data deduplicates;
/// streaming records have no source position in a file, so theirs comes from the input name, line
/// and record index: the same file replayed twice yields the same ids.
/// </summary>
internal static class ReplayUid
{
    public static string For(RecordKind kind, JsonElement record, string inputName, long line, int recordIndex)
    {
        var (idField, updateField, fallbackUpdate) = kind switch
        {
            RecordKind.GraphIncident or RecordKind.GraphAlert => ("id", "lastUpdateDateTime", "createdDateTime"),
            RecordKind.LegacyIncident => ("incidentId", "lastUpdateTime", "createdTime"),
            RecordKind.LegacyEndpointAlert => ("id", "lastUpdateTime", "alertCreationTime"),
            RecordKind.LegacySiemAlert => ("AlertId", "LastProcessedTimeUtc", "AlertTime"),
            _ => (string.Empty, string.Empty, string.Empty),
        };

        if (idField.Length > 0 && Text(record, idField) is { } id)
        {
            return EventUid.ForApiObject(kind, id, Text(record, updateField) ?? Text(record, fallbackUpdate) ?? string.Empty);
        }

        return ForFileRecord(inputName, line, recordIndex);
    }

    /// <summary>A UUID (version nibble 8, as <see cref="EventUid"/>) from SHA-256 over the file position.</summary>
    public static string ForFileRecord(string inputName, long line, int recordIndex)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"file|{inputName}|{line}|{recordIndex}");
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true).ToString("D");
    }

    private static string? Text(JsonElement record, string name) =>
        record.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : null,
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;
}
