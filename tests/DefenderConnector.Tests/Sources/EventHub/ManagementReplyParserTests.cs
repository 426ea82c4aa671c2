using Amqp.Types;
using DefenderConnector.Sources.EventHub;

namespace DefenderConnector.Tests.Sources.EventHub;

public sealed class ManagementReplyParserTests
{
    [Fact]
    public void Reads_hub_properties_with_partition_ids_as_an_array()
    {
        var created = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        var body = new Map { ["name"] = "defender", ["created_at"] = created, ["partition_count"] = 2, ["partition_ids"] = new[] { "0", "1" } };

        var hub = ManagementReplyParser.Hub(body, "defender");

        Assert.Equal(["0", "1"], hub.PartitionIds);
        Assert.Equal(new DateTimeOffset(created), hub.CreatedAt);
    }

    [Fact]
    public void Reads_partition_ids_from_a_list_with_symbol_keys()
    {
        var body = new Map { [new Symbol("partition_ids")] = new List { "a", "b", "c" } };

        Assert.Equal(["a", "b", "c"], ManagementReplyParser.Hub(body, "h").PartitionIds);
    }

    [Fact]
    public void Reads_partition_properties_with_a_long_offset()
    {
        var body = new Map
        {
            ["begin_sequence_number"] = 5L,
            ["last_enqueued_sequence_number"] = 99L,
            ["last_enqueued_offset"] = 8192L,
            ["last_enqueued_time_utc"] = new DateTime(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc),
            ["is_partition_empty"] = false,
        };

        var partition = ManagementReplyParser.Partition(body, "h", "1");

        Assert.Equal(new PartitionProperties("h", "1", 5, 99, "8192", new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), false), partition);
    }

    [Fact]
    public void A_reply_without_partition_ids_is_a_classified_failure() =>
        Assert.Throws<EventHubException>(() => ManagementReplyParser.Hub(new Map { ["name"] = "h" }, "h"));
}
