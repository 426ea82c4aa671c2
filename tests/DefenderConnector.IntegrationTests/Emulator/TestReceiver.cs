using Amqp;
using Amqp.Framing;

namespace DefenderConnector.IntegrationTests.Emulator;

/// <summary>A receiver link plus the error the emulator refused or detached it with.</summary>
internal sealed class TestReceiver
{
    readonly TaskCompletionSource<Error?> closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly TaskCompletionSource<bool> attached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TestReceiver(Session session, Attach attach)
    {
        // The emulator can refuse the attach before this constructor returns: AddClosedCallback still reports that.
        this.Link = new ReceiverLink(session, "receiver-" + Guid.NewGuid().ToString("N"), attach,
            (_, remote) => this.attached.TrySetResult(remote.Source is not null));
        this.Link.AddClosedCallback((_, error) => this.closed.TrySetResult(error));
    }

    public ReceiverLink Link { get; }

    /// <summary>The error the link was refused or detached with (waits up to 30 s).</summary>
    public async Task<Error> Refusal()
    {
        var error = await this.closed.Task.WaitAsync(EmulatorTestClient.Wait);
        Assert.NotNull(error);
        return error!;
    }

    /// <summary>True once the emulator accepted the attach (its attach carries a source).</summary>
    public Task<bool> Accepted() => this.attached.Task.WaitAsync(EmulatorTestClient.Wait);

    public bool IsClosed => this.closed.Task.IsCompleted;

    /// <summary>Receives exactly <paramref name="count"/> messages, failing after 30 s without one.</summary>
    public async Task<List<Message>> ReceiveAsync(int count, int credit = 100)
    {
        this.Link.SetCredit(credit);
        var messages = new List<Message>();
        while (messages.Count < count)
        {
            var message = await this.Link.ReceiveAsync(EmulatorTestClient.Wait)
                ?? throw new TimeoutException($"Received {messages.Count} of {count} messages.");
            this.Link.Accept(message);
            messages.Add(message);
        }

        return messages;
    }

    public static long SequenceNumber(Message message) => (long)message.MessageAnnotations[new Amqp.Types.Symbol("x-opt-sequence-number")];

    public static string Offset(Message message) => (string)message.MessageAnnotations[new Amqp.Types.Symbol("x-opt-offset")];

    public static string Body(Message message) => System.Text.Encoding.UTF8.GetString((byte[])message.Body);
}
