using System.Collections.Concurrent;
using Amqp;
using Amqp.Framing;
using Amqp.Types;

namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// A sender/receiver pair on one node (<c>$cbs</c> or <c>$management</c>) in its own session:
/// requests carry a GUID message-id and a GUID reply-to address; replies are matched by
/// correlation-id. When either link closes, every pending request fails with the classified close
/// error, and <see cref="IsClosed"/> tells the owner to open a new pair.
/// </summary>
internal sealed class AmqpRequestResponseLink
{
    private readonly Session _session;
    private readonly SenderLink _sender;
    private readonly ReceiverLink _receiver;
    private readonly string _replyTo = Guid.NewGuid().ToString("N");
    private readonly EventHubOperation _operation;
    private readonly string _node;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<Message>> _pending = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _senderAttached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _receiverAttached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile EventHubException? _failure;

    private AmqpRequestResponseLink(Connection connection, string node, EventHubOperation operation, TimeSpan timeout)
    {
        _node = node;
        _operation = operation;
        _session = new Session(connection);
        var properties = new Fields { { new Symbol(EventHubConstants.TimeoutProperty), (uint)timeout.TotalMilliseconds } };
        var name = $"duplex{Guid.NewGuid():N}";
        _sender = new SenderLink(
            _session,
            name + ":sender",
            new Attach { Target = new Target { Address = node }, Source = new Source { Address = _replyTo }, Properties = properties },
            (_, attach) => OnAttached(attach.Target is null, _senderAttached));
        _receiver = new ReceiverLink(
            _session,
            name + ":receiver",
            new Attach { Source = new Source { Address = node }, Target = new Target { Address = _replyTo }, Properties = properties },
            (_, attach) => OnAttached(attach.Source is null, _receiverAttached));
        _sender.AddClosedCallback(OnClosed);
        _receiver.AddClosedCallback(OnClosed);
        _session.AddClosedCallback(OnClosed);
    }

    public bool IsClosed => _failure is not null || _sender.IsClosed || _receiver.IsClosed;

    public static async Task<AmqpRequestResponseLink> OpenAsync(Connection connection, string node, EventHubOperation operation, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var link = new AmqpRequestResponseLink(connection, node, operation, timeout);
        try
        {
            await Task.WhenAll(link._senderAttached.Task, link._receiverAttached.Task).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            link._receiver.Start(50, link.OnReply);
            return link;
        }
        catch (Exception e)
        {
            link.Close();
            if (e is TimeoutException)
            {
                throw new EventHubException(EventHubFailureReason.Timeout, true, $"Attaching to {node} timed out after {timeout.TotalSeconds:0} s.", e);
            }

            throw;
        }
    }

    /// <summary>Sends <paramref name="request"/> and waits for its reply.</summary>
    public async Task<Message> RequestAsync(Message request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_failure is { } failure)
        {
            throw failure;
        }

        var id = Guid.NewGuid().ToString("N");
        request.Properties ??= new Properties();
        request.Properties.MessageId = id;
        request.Properties.ReplyTo = _replyTo;
        var reply = new TaskCompletionSource<Message>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        try
        {
            _sender.Send(request, OnOutcome, id);
            return await reply.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new EventHubException(EventHubFailureReason.Timeout, true, $"{_node} did not answer within {timeout.TotalSeconds:0} s.", e);
        }
        catch (AmqpException e)
        {
            throw EventHubErrors.FromException(_operation, $"A request to {_node}", e);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    public void Close()
    {
        AmqpClose.Quietly(_session);
    }

    private static void OnAttached(bool refused, TaskCompletionSource attached)
    {
        // A refused attach comes back without a terminus and is followed by a detach with the error,
        // which OnClosed reports.
        if (!refused)
        {
            attached.TrySetResult();
        }
    }

    private void OnOutcome(ILink link, Message message, Outcome outcome, object state)
    {
        if (outcome is Rejected rejected && _pending.TryGetValue((string)state, out var reply))
        {
            reply.TrySetException(EventHubErrors.FromCondition(_operation, $"A request to {_node}", rejected.Error?.Condition?.ToString(), rejected.Error?.Description));
        }
    }

    private void OnReply(IReceiverLink link, Message message)
    {
        link.Accept(message);
        var correlation = message.Properties?.GetCorrelationId()?.ToString();
        if (correlation is not null && _pending.TryGetValue(correlation, out var reply))
        {
            reply.TrySetResult(message);
        }
    }

    private void OnClosed(IAmqpObject sender, Error? error)
    {
        var failure = EventHubErrors.FromClose(_operation, $"The {_node} link", error);
        _failure ??= failure;
        _senderAttached.TrySetException(failure);
        _receiverAttached.TrySetException(failure);
        foreach (var pending in _pending.Values)
        {
            pending.TrySetException(failure);
        }
    }
}
