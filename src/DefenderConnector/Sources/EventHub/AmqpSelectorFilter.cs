using System.Globalization;

namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// The event-position filter of a partition receiver (<c>apache.org:selector-filter:string</c>):
/// strictly after a checkpoint's sequence number, from the start (<c>offset &gt; -1</c>), only new
/// events (<c>@latest</c>), or from an enqueued time (milliseconds since the Unix epoch, inclusive).
/// Values are quoted, which the service and every SDK accept.
/// </summary>
internal static class AmqpSelectorFilter
{
    public static string Expression(ReadPosition position)
    {
        if (position.AfterSequenceNumber is { } sequenceNumber)
        {
            return string.Create(CultureInfo.InvariantCulture, $"amqp.annotation.{EventHubConstants.SequenceNumberAnnotation} > '{sequenceNumber}'");
        }

        return position.Start.Kind switch
        {
            StartPositionKind.Latest => $"amqp.annotation.{EventHubConstants.OffsetAnnotation} > '@latest'",
            StartPositionKind.EnqueuedTime => string.Create(
                CultureInfo.InvariantCulture,
                $"amqp.annotation.{EventHubConstants.EnqueuedTimeAnnotation} >= '{position.Start.Time.ToUnixTimeMilliseconds()}'"),
            _ => $"amqp.annotation.{EventHubConstants.OffsetAnnotation} > '-1'",
        };
    }
}
