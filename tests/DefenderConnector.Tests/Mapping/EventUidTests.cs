using System.Security.Cryptography;
using System.Text;
using DefenderConnector.Mapping;

namespace DefenderConnector.Tests.Mapping;

public sealed class EventUidTests
{
    [Theory]
    [InlineData("contoso-defender.servicebus.windows.net", "insights-logs-advancedhunting", "0", 0L, 0)]
    [InlineData("Contoso-Defender.ServiceBus.Windows.NET", "Insights-Logs", "31", 9_223_372_036_854_775_807L, int.MaxValue)]
    [InlineData("démo-ß.servicebus.windows.net", "HÜB", "7", 42L, 3)]
    public void Event_hub_ids_are_the_sha256_of_the_formatted_position(string ns, string hub, string partition, long sequence, int index)
    {
        Assert.Equal(Reference(FormattableString.Invariant($"eh|{ns.ToLowerInvariant()}|{hub.ToLowerInvariant()}|{partition}|{sequence}|{index}")), EventUid.ForEventHubRecord(ns, hub, partition, sequence, index));
    }

    [Fact]
    public void A_position_longer_than_the_stack_buffer_gives_the_same_id()
    {
        var ns = new string('n', 600) + ".servicebus.windows.net";
        Assert.Equal(Reference($"eh|{ns}|hub|1|2|3"), EventUid.ForEventHubRecord(ns, "hub", "1", 2, 3));
    }

    [Fact]
    public void A_known_position_keeps_its_id()
    {
        // Pinned: ids already delivered to SIEMs must not change.
        Assert.Equal("da9b0051-be92-85f1-b5a1-12ac9ebc6fa7", EventUid.ForEventHubRecord("NS.servicebus.windows.net", "Hub", "0", 1, 2));
    }

    // The original implementation: SHA-256 over the UTF-8 of the formatted string, version nibble 8.
    private static string Reference(string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString("D");
    }
}
