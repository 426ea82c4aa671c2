using Azure.Messaging.EventHubs.Primitives;
using DefenderConnector.Pulling;

namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// One partition read through the SDK's <see cref="PartitionReceiver"/>: a batch of up to the wanted
/// count, waiting at most the given time for the first event. The wait is kept short by the caller:
/// a receive waiting when the connection drops is only woken when its wait runs out.
/// </summary>
internal sealed class SdkPartitionReader(PartitionReceiver receiver, string partitionId, SdkEventHubTransport transport) : IPartitionReader
{
    private bool _attached;

    public string PartitionId { get; } = partitionId;

    public async Task<int> ReceiveAsync(List<SourceMessage> into, int maxCount, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        try
        {
            var added = 0;
            foreach (var data in await receiver.ReceiveBatchAsync(maxCount, maxWait, cancellationToken).ConfigureAwait(false))
            {
                into.Add(EventDataDecoder.Decode(data, PartitionId));
                added++;
            }

            _attached = true;
            return added;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var failure = transport.Fail(EventHubOperation.Receive, $"Reading partition {PartitionId} (consumer group '{receiver.ConsumerGroup}')", e);

            // A link that was reading and is then detached as unauthorized lost its authorization while
            // open (expired or revoked on the service side): a reopened link puts a fresh token, so that
            // is worth one retry. A wrong key fails before the first read succeeds and is not retried.
            // Likewise a not-found on a link that was reading is the link's, not a missing hub or group.
            if (_attached && failure.EventHubReason is EventHubFailureReason.Unauthorized or EventHubFailureReason.HubNotFound or EventHubFailureReason.ConsumerGroupNotFound)
            {
                var reason = failure.EventHubReason == EventHubFailureReason.Unauthorized ? failure.EventHubReason : EventHubFailureReason.ConnectionLost;
                throw new ConnectorException(reason, isTransient: true, failure.Message, failure.InnerException) { Condition = failure.Condition };
            }

            throw failure;
        }
    }

    public ValueTask DisposeAsync() => receiver.DisposeAsync();
}
