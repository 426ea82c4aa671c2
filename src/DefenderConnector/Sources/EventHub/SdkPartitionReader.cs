using Azure.Messaging.EventHubs.Primitives;
using DefenderConnector.Pulling;

namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// One partition read through the SDK's <see cref="PartitionReceiver"/>: a batch of up to the wanted
/// count and about <see cref="EventHubSourceOptions.BatchBytes"/> bytes, waiting at most the given time
/// for the first event. The wait is kept short by the caller: a receive waiting when the connection
/// drops is only woken when its wait runs out.
/// </summary>
internal sealed class SdkPartitionReader(PartitionReceiver receiver, string partitionId, SdkEventHubTransport transport, ReceiveBudget budget) : IPartitionReader
{
    private bool _attached;

    public string PartitionId { get; } = partitionId;

    /// <summary>
    /// Asks the SDK in parts, each for as many messages as the bytes still free in the budget hold at the
    /// expected message size (<see cref="ReceiveBudget"/>), until the count or the bytes are reached or
    /// the prefetch cache ran dry; so a batch of large messages stays near the byte budget instead of
    /// growing with message size.
    /// </summary>
    public async Task<int> ReceiveAsync(List<SourceMessage> into, int maxCount, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var added = 0;
        long held = 0, largest = 0;
        try
        {
            var wait = maxWait;
            while (added < maxCount && !budget.IsFull(held))
            {
                var count = budget.NextCount(maxCount - added, held, largest);
                var got = 0;
                foreach (var data in await receiver.ReceiveBatchAsync(count, wait, cancellationToken).ConfigureAwait(false))
                {
                    var message = EventDataDecoder.Decode(data, PartitionId);
                    into.Add(message);
                    held += message.Body.Length;
                    largest = Math.Max(largest, message.Body.Length);
                    got++;
                }

                _attached = true;
                added += got;
                if (got < count)
                {
                    break;
                }

                wait = EventHubConstants.FollowUpReceiveWait;
            }

            budget.Observe(largest);
            return added;
        }
        catch (Exception e) when (added > 0 && e is not OperationCanceledException)
        {
            // A later part failed after earlier parts arrived: deliver those; the next receive meets the
            // failure again (or the SDK's reopened link) and reports it.
            budget.Observe(largest);
            return added;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var failure = transport.Fail(EventHubOperation.Receive, $"Reading partition {PartitionId} (consumer group '{receiver.ConsumerGroup}')", e);

            // A link that was reading and is then detached as unauthorized lost its authorization while
            // open (expired or revoked on the service side): a reopened link puts a fresh token, so that
            // is worth one retry. A wrong key fails before the first read succeeds and is not retried.
            // Likewise a not-found on a link that was reading is the link's, not a missing hub or group,
            // and so is an unclassified fault the SDK raises from a link torn down under a receive (seen
            // as a NullReferenceException while links were being recovered): reopening from the last
            // checkpoint costs nothing, and the retry limit still ends a pull that keeps failing.
            if (_attached && failure.EventHubReason is EventHubFailureReason.Unauthorized or EventHubFailureReason.HubNotFound or EventHubFailureReason.ConsumerGroupNotFound or EventHubFailureReason.Unknown)
            {
                var reason = failure.EventHubReason == EventHubFailureReason.Unauthorized ? failure.EventHubReason : EventHubFailureReason.ConnectionLost;
                throw new ConnectorException(reason, isTransient: true, failure.Message, failure.InnerException) { Condition = failure.Condition };
            }

            throw failure;
        }
    }

    public ValueTask DisposeAsync() => receiver.DisposeAsync();
}
