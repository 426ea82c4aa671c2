using System.Collections.Frozen;
using DefenderConnector.Mapping.Alerts;
using DefenderConnector.Mapping.Cloud;
using DefenderConnector.Mapping.Device;
using DefenderConnector.Mapping.Email;
using DefenderConnector.Mapping.Identity;

namespace DefenderConnector.Mapping;

/// <summary>Which family mapper handles which Defender table (the name after <c>AdvancedHunting-</c>).</summary>
internal static class TableRouter
{
    private static readonly FrozenDictionary<string, TableMapper> Mappers = new Dictionary<string, TableMapper>(StringComparer.Ordinal)
    {
        ["DeviceProcessEvents"] = DeviceProcessEventsMapper.Map,
        ["DeviceFileEvents"] = DeviceFileEventsMapper.Map,
        ["DeviceImageLoadEvents"] = DeviceImageLoadEventsMapper.Map,
        ["DeviceNetworkEvents"] = DeviceNetworkEventsMapper.Map,
        ["DeviceRegistryEvents"] = DeviceRegistryEventsMapper.Map,
        ["DeviceLogonEvents"] = DeviceLogonEventsMapper.Map,
        ["DeviceInfo"] = DeviceInfoMapper.Map,
        ["DeviceNetworkInfo"] = DeviceNetworkInfoMapper.Map,
        ["DeviceFileCertificateInfo"] = DeviceFileCertificateInfoMapper.Map,
        ["DeviceEvents"] = DeviceEventsMapper.Map,
        ["AlertInfo"] = AlertInfoMapper.Map,
        ["AlertEvidence"] = AlertEvidenceMapper.Map,
        ["BehaviorInfo"] = BehaviorInfoMapper.Map,
        ["BehaviorEntities"] = BehaviorEntitiesMapper.Map,
        ["EmailEvents"] = EmailEventsMapper.Map,
        ["EmailAttachmentInfo"] = EmailScanMapper.MapAttachment,
        ["EmailUrlInfo"] = EmailScanMapper.MapUrl,
        ["EmailPostDeliveryEvents"] = PostDeliveryMapper.MapEmail,
        ["UrlClickEvents"] = UrlClickEventsMapper.Map,
        ["MessageEvents"] = EmailScanMapper.MapTeamsMessage,
        ["MessageUrlInfo"] = EmailScanMapper.MapTeamsUrl,
        ["MessagePostDeliveryEvents"] = PostDeliveryMapper.MapTeams,
        ["IdentityLogonEvents"] = IdentityLogonEventsMapper.Map,
        ["IdentityQueryEvents"] = IdentityQueryEventsMapper.Map,
        ["IdentityDirectoryEvents"] = IdentityDirectoryEventsMapper.Map,
        ["IdentityInfo"] = IdentityInfoMapper.Map,
        ["CloudAppEvents"] = CloudAppEventsMapper.Map,
        ["CloudAuditEvents"] = CloudAuditEventsMapper.Map,
        ["CloudProcessEvents"] = CloudProcessEventsMapper.Map,
        ["CloudStorageAggregatedEvents"] = CloudStorageAggregatedEventsMapper.Map,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // The same tables by UTF-8 name, so a record's category is routed without making a string of it.
    private static readonly (byte[] Utf8, string Name, System.Text.Json.JsonEncodedText Encoded, TableMapper Mapper)[] ByUtf8 =
        [.. Mappers.Select(m => (System.Text.Encoding.UTF8.GetBytes(m.Key), m.Key, System.Text.Json.JsonEncodedText.Encode(m.Key), m.Value))];

    public static IEnumerable<string> Tables => Mappers.Keys;

    public static bool TryGet(ReadOnlySpan<byte> table, out string name, out System.Text.Json.JsonEncodedText encodedName, out TableMapper mapper)
    {
        foreach (var (utf8, tableName, encoded, tableMapper) in ByUtf8)
        {
            if (utf8.Length == table.Length && table.SequenceEqual(utf8))
            {
                name = tableName;
                encodedName = encoded;
                mapper = tableMapper;
                return true;
            }
        }

        name = string.Empty;
        encodedName = default;
        mapper = null!;
        return false;
    }

    public static bool TryGet(string table, out TableMapper mapper) => Mappers.TryGetValue(table, out mapper!);
}
