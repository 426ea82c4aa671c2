using System.Threading.Channels;
using Amqp;
using Amqp.Framing;
using Amqp.Types;
using DefenderConnector.Pulling;
using Microsoft.Extensions.Logging;

namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// One partition receiver. The link's message callback (on the connection's I/O thread) only queues
/// the message; <see cref="ReceiveAsync"/> waits once for the first message, then drains whatever is
/// already queued without awaiting again, decoding and releasing credit as it goes, so credit never
/// runs ahead of what the pull has taken. When the service detaches the link or the connection
/// drops, the queue completes with the classified error: queued messages are still returned, then
/// the error is thrown instead of waiting for messages that will never come.
/// </summary>
internal sealed class AmqpPartitionReader : IPartitionReader
{
    private readonly Session _session;
    private readonly ReceiverLink _link;
    private readonly Channel<Message> _messages = Channel.CreateUnbounded<Message>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly TaskCompletionSource _attached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action _onDisposed;
    private readonly EventHubSourceOptions _options;
    private EventHubException? _failure;
    private int _disposed;

    private AmqpPartitionReader(Connection connection, EventHubSourceOptions options, string partitionId, string name, Attach attach, TimeProvider time, ILogger logger, Action onDisposed)
    {
        _options = options;
        PartitionId = partitionId;
        _time = time;
        _logger = logger;
        _onDisposed = onDisposed;
        _session = new Session(connection);
        _link = new ReceiverLink(_session, name, attach, OnAttached);
        _link.AddClosedCallback(OnClosed);
        _session.AddClosedCallback(OnClosed);
    }

    public string PartitionId { get; }

    /// <summary>Attaches a receiver and waits until the service accepted (or refused) it.</summary>
    public static async Task<AmqpPartitionReader> OpenAsync(
        Connection connection, EventHubSourceOptions options, string partitionId, ReadPosition position, TimeProvider time, ILogger logger, Action onDisposed, CancellationToken cancellationToken)
    {
        var name = $"{options.HubName}-{partitionId}-{Guid.NewGuid():N}";
        var selector = AmqpSelectorFilter.Expression(position);
        var properties = new Fields { { new Symbol(EventHubConstants.ReceiverNameProperty), name } };
        if (options.OwnerLevel is { } ownerLevel)
        {
            properties.Add(new Symbol(EventHubConstants.EpochProperty), ownerLevel);
        }

        var attach = new Attach
        {
            Source = new Source
            {
                Address = $"{options.HubName}/ConsumerGroups/{options.ConsumerGroup}/Partitions/{partitionId}",
                FilterSet = new Map
                {
                    [new Symbol(EventHubConstants.SelectorFilterName)] = new DescribedValue(new Symbol(EventHubConstants.SelectorFilterName), selector),
                },
            },
            Target = new Target { Address = name },
            SndSettleMode = SenderSettleMode.Settled,
            RcvSettleMode = ReceiverSettleMode.First,
            Properties = properties,
        };

        var reader = new AmqpPartitionReader(connection, options, partitionId, name, attach, time, logger, onDisposed);
        try
        {
            await reader._attached.Task.WaitAsync(options.OperationTimeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await reader.DisposeAsync().ConfigureAwait(false);
            throw e is TimeoutException
                ? new EventHubException(EventHubFailureReason.Timeout, true, $"Attaching a receiver to partition {partitionId} timed out after {options.OperationTimeout.TotalSeconds:0} s.", e)
                : EventHubErrors.FromException(EventHubOperation.Receive, $"Attaching a receiver to partition {partitionId}", e);
        }

        reader._link.Start(options.Prefetch, reader.OnMessage);
        EventHubLog.ReceiverOpened(logger, partitionId, name, position.ToString());
        return reader;
    }

    public async Task<int> ReceiveAsync(List<SourceMessage> into, int maxCount, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var reader = _messages.Reader;
        if (!reader.TryPeek(out _))
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var timer = _time.CreateTimer(CancelQuietly, wait, maxWait, Timeout.InfiniteTimeSpan);
            try
            {
                if (!await reader.WaitToReadAsync(wait.Token).ConfigureAwait(false))
                {
                    throw _failure ?? new EventHubException(EventHubFailureReason.ConnectionLost, true, $"The receiver on partition {PartitionId} closed.");
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return 0;
            }
        }

        var added = 0;
        while (added < maxCount && reader.TryRead(out var message))
        {
            try
            {
                into.Add(AmqpEventDecoder.Decode(message, PartitionId));
                added++;
            }
            finally
            {
                Release(message);
            }
        }

        return added;
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return ValueTask.CompletedTask;
        }

        _messages.Writer.TryComplete();

        // Closing the session detaches the link; the peer's answer is not awaited.
        AmqpClose.Quietly(_session);

        while (_messages.Reader.TryRead(out var message))
        {
            message.Dispose();
        }

        _onDisposed();
        return ValueTask.CompletedTask;
    }

    // The timer may fire while the wait is being disposed; a late cancel must not throw on a timer thread.
    private static void CancelQuietly(object? state)
    {
        try
        {
            ((CancellationTokenSource)state!).Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private void Release(Message message)
    {
        try
        {
            // The delivery is pre-settled; accepting only returns its credit to the link.
            _link.Accept(message);
        }
        catch (AmqpException)
        {
            // The link is closing; the close callback reports why.
        }

        message.Dispose();
    }

    private void OnAttached(ILink link, Attach attach)
    {
        // A refused attach carries no source and is followed by a detach with the error (OnClosed).
        if (attach.Source is not null)
        {
            _attached.TrySetResult();
        }
    }

    private void OnMessage(IReceiverLink link, Message message)
    {
        if (!_messages.Writer.TryWrite(message))
        {
            message.Dispose();
        }
    }

    private void OnClosed(IAmqpObject sender, Error? error)
    {
        var failure = EventHubErrors.Explain(EventHubErrors.FromClose(EventHubOperation.Receive, $"The receiver on partition {PartitionId}", error ?? _link.Error), _options);

        // A hub or group that does not exist refuses the attach. Detached with amqp:not-found after it was
        // attached and reading, the partition moved (service maintenance, failover): reopening is the cure.
        if (_attached.Task.IsCompletedSuccessfully && failure.Reason is EventHubFailureReason.HubNotFound or EventHubFailureReason.ConsumerGroupNotFound)
        {
            failure = new EventHubException(EventHubFailureReason.ConnectionLost, isTransient: true, $"The receiver on partition {PartitionId} was detached while reading ({failure.Condition}); it is reopened.", failure) { Condition = failure.Condition };
        }

        Interlocked.CompareExchange(ref _failure, failure, null);
        _attached.TrySetException(_failure!);
        if (Volatile.Read(ref _disposed) == 0)
        {
            EventHubLog.ReceiverClosed(_logger, PartitionId, _failure!.Reason, _failure.Message);
        }

        _messages.Writer.TryComplete(_failure);
    }
}
