using Azure.Messaging.EventHubs.Primitives;
using DefenderConnector.Pulling;

namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// One partition read through the SDK's <see cref="PartitionReceiver"/>: a batch of up to the wanted
/// count and about <see cref="EventHubSourceOptions.BatchBytes"/> bytes, waiting at most the given time
/// for the first event. The wait is kept short by the caller: a receive waiting when the connection
/// drops is only woken when its wait runs out. With a <see cref="PrefetchReopen"/>, a receiver bounding
/// its prefetch cache by bytes is reopened, after the last message handed out, to prefetch the count of
/// messages those bytes hold (<see cref="LearnedPrefetch"/>).
/// </summary>
internal sealed class SdkPartitionReader(PartitionReceiver receiver, string partitionId, SdkEventHubTransport transport, ReceiveBudget budget, PrefetchReopen? reopen = null) : IPartitionReader
{
    private PartitionReceiver _receiver = receiver;
    private int? _prefetchCount;
    private int? _wantedCount;
    private long? _lastSequenceNumber;
    private bool _attached;

    /// <summary>The receiver's learned prefetch count, or null while it bounds its cache by bytes (or counts as the settings say).</summary>
    public int? PrefetchCount => _prefetchCount;

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
            if (reopen is not null && LearnedPrefetch.ShouldReopen(_prefetchCount, _wantedCount) && _lastSequenceNumber is { } last)
            {
                await ReopenAsync(reopen, last).ConfigureAwait(false);
            }

            var wait = maxWait;
            while (added < maxCount && !budget.IsFull(held))
            {
                var count = budget.NextCount(maxCount - added, held, largest);
                var got = 0;
                foreach (var data in await _receiver.ReceiveBatchAsync(count, wait, cancellationToken).ConfigureAwait(false))
                {
                    var message = EventDataDecoder.Decode(data, PartitionId);
                    into.Add(message);
                    _lastSequenceNumber = message.SequenceNumber;
                    held += message.Body.Length;
                    largest = Math.Max(largest, message.Body.Length);
                    got++;
                }

                _attached = true;
                added += got;

                // A part short of its count means the prefetch cache ran dry. On a learned count the SDK grants
                // credit in steps of two thirds of it, so the cache runs dry between steps while the partition
                // still has messages: ask once more (waiting the follow-up time) unless the part got nothing.
                if (got < count && (got == 0 || _prefetchCount is null))
                {
                    break;
                }

                wait = EventHubConstants.FollowUpReceiveWait;
            }

            budget.Observe(largest);
            Learn(held, added);
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
            var failure = transport.Fail(EventHubOperation.Receive, $"Reading partition {PartitionId} (consumer group '{_receiver.ConsumerGroup}')", e);

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

    public ValueTask DisposeAsync() => _receiver.DisposeAsync();

    // The count the bytes hold at this receive's average message size, as the SDK's byte mode sizes its
    // credit by the average of what it holds; a receive that got nothing teaches nothing.
    private void Learn(long heldBytes, int messages)
    {
        if (reopen is not null && messages > 0)
        {
            _wantedCount = LearnedPrefetch.CountFor(reopen.PrefetchBytes, heldBytes / messages);
        }
    }

    // Closes the receiver (what its cache held is read again) and opens one after the last message handed out.
    private async Task ReopenAsync(PrefetchReopen how, long afterSequenceNumber)
    {
        var old = _receiver;
        _receiver = how.Open(_wantedCount, ReadPosition.After(afterSequenceNumber));
        _prefetchCount = _wantedCount;
        await old.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>
/// How a reader whose receiver bounds its prefetch cache by <see cref="PrefetchBytes"/> reopens it:
/// <see cref="Open"/> makes a receiver prefetching that many messages (null: by bytes) at a position.
/// </summary>
internal sealed record PrefetchReopen(long PrefetchBytes, Func<int?, ReadPosition, PartitionReceiver> Open);
