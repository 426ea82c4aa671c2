using System.Collections;
using System.Globalization;
using Amqp.Types;

namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// Reads the <c>$management</c> reply maps. Tolerant of encodings that differ between the service,
/// the official emulator and fakes: keys as strings or symbols, <c>partition_ids</c> as an array or a
/// list, numbers of any integer type, offsets as strings or longs.
/// </summary>
internal static class ManagementReplyParser
{
    public static EventHubProperties Hub(Map body, string hub)
    {
        var ids = AmqpReplyStatus.Find(body, "partition_ids") switch
        {
            string single => [single],
            IEnumerable many => many.Cast<object?>().Select(o => Convert.ToString(o, CultureInfo.InvariantCulture) ?? string.Empty).Where(s => s.Length > 0).ToList(),
            _ => throw Malformed($"hub {hub}", "partition_ids"),
        };
        var name = AmqpReplyStatus.Find(body, "name")?.ToString() ?? hub;
        return new EventHubProperties(name, Time(AmqpReplyStatus.Find(body, "created_at")) ?? DateTimeOffset.MinValue, ids);
    }

    public static PartitionProperties Partition(Map body, string hub, string partitionId)
    {
        var last = Long(AmqpReplyStatus.Find(body, "last_enqueued_sequence_number")) ?? throw Malformed($"partition {partitionId}", "last_enqueued_sequence_number");
        var begin = Long(AmqpReplyStatus.Find(body, "begin_sequence_number")) ?? 0;
        var offset = AmqpReplyStatus.Find(body, "last_enqueued_offset") switch
        {
            null => string.Empty,
            IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
            var other => other.ToString() ?? string.Empty,
        };
        var empty = AmqpReplyStatus.Find(body, "is_partition_empty") is bool flag ? flag : last < 0;
        var enqueued = Time(AmqpReplyStatus.Find(body, "last_enqueued_time_utc")) ?? DateTimeOffset.MinValue;
        return new PartitionProperties(hub, partitionId, begin, last, offset, enqueued, empty);
    }

    internal static long? Long(object? value) => value switch
    {
        long l => l,
        int i => i,
        uint u => u,
        ulong ul => (long)ul,
        short s => s,
        string text when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    internal static DateTimeOffset? Time(object? value) => value switch
    {
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, time.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : time.Kind)).ToUniversalTime(),
        DateTimeOffset time => time,
        long ms => DateTimeOffset.FromUnixTimeMilliseconds(ms),
        _ => null,
    };

    private static EventHubException Malformed(string what, string field) =>
        new(EventHubFailureReason.Unknown, false, $"The management reply for {what} has no usable {field}.");
}
