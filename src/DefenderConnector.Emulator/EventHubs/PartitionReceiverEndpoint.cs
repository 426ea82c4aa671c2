using System.Globalization;
using Amqp;
using Amqp.Framing;
using Amqp.Listener;
using Amqp.Types;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>
/// Streams one partition to a client receiver: on credit, sends stored events from the start position,
/// then keeps sending as new events are published. One pump runs at a time per link; flows and appends
/// only schedule it.
/// </summary>
internal sealed class PartitionReceiverEndpoint : GuardedLinkEndpoint
{
    const int ReadChunk = 64;
    readonly PartitionLog log;
    readonly ReceiverRegistry registry;
    readonly bool runtimeMetrics;
    readonly TimeProvider time;
    readonly Action onAppended;
    readonly object gate = new();
    readonly List<StoredEvent> buffer = new();
    readonly SenderCredit credit = new();
    int nextIndex;
    int pending;
    int running;

    public PartitionReceiverEndpoint(ListenerLink link, ConnectionState connection, EntityAddress address, LinkTracker tracker,
        PartitionLog log, ReceiverRegistry registry, int startIndex, Attach attach, TimeProvider time)
        : base(link, connection, address, tracker)
    {
        this.log = log;
        this.registry = registry;
        this.time = time;
        this.nextIndex = startIndex;
        this.Epoch = attach.Properties?.ContainsKey(EventHubConstants.Epoch) == true
            ? Convert.ToInt64(attach.Properties[EventHubConstants.Epoch], CultureInfo.InvariantCulture)
            : null;
        this.Name = attach.Properties?.ContainsKey(EventHubConstants.ReceiverName) == true
            ? attach.Properties[EventHubConstants.ReceiverName]?.ToString()
            : null;
        this.runtimeMetrics = attach.DesiredCapabilities?.Contains(EventHubConstants.RuntimeMetricCapability) == true;
        this.onAppended = this.Schedule;
    }

    public long? Epoch { get; }

    public string? Name { get; }

    public string DisplayName => this.Name ?? "nil";

    public string PartitionId => this.log.PartitionId;

    public bool SameSlot(PartitionReceiverEndpoint other) =>
        string.Equals(this.Address.ConsumerGroup, other.Address.ConsumerGroup, StringComparison.OrdinalIgnoreCase) &&
        this.log == other.log;

    /// <summary>Starts listening for appends once the attach is accepted; the extra pump covers an append that raced the subscription.</summary>
    public void Start()
    {
        this.log.Subscribe(this.onAppended);
        this.Schedule();
    }

    public override void OnFlow(FlowContext flowContext)
    {
        lock (this.gate)
        {
            this.credit.OnFlow(flowContext.Messages, this.Link);
        }

        this.Schedule();
    }

    public override void OnMessage(MessageContext messageContext) =>
        messageContext.Complete(new Error(ErrorCode.NotAllowed) { Description = "A partition receiver link does not accept messages." });

    // Client dispositions need no action: Event Hubs does not redeliver, positions are the client's business.
    public override void OnDisposition(DispositionContext dispositionContext)
    {
    }

    protected override void OnDetaching()
    {
        this.log.Unsubscribe(this.onAppended);
        this.registry.Remove(this);
    }

    void Schedule()
    {
        Volatile.Write(ref this.pending, 1);
        if (Interlocked.CompareExchange(ref this.running, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static self => self.Pump(), this, preferLocal: false);
        }
    }

    void Pump()
    {
        while (true)
        {
            Volatile.Write(ref this.pending, 0);
            while (this.SendChunk())
            {
            }

            Volatile.Write(ref this.running, 0);

            // A flow or append that arrived while this pump ran did not queue another one: take it here.
            if (Volatile.Read(ref this.pending) == 0 || Interlocked.CompareExchange(ref this.running, 1, 0) != 0)
            {
                return;
            }
        }
    }

    bool SendChunk()
    {
        if (this.IsDetached) { return false; }

        // Sends happen under the gate so that a flow is applied between chunks, never in the middle of one:
        // the credit ledger reads the listener's credit and must see every send it counted.
        lock (this.gate)
        {
            this.buffer.Clear();
            int read = this.log.Read(this.nextIndex, Math.Min(this.credit.Available, ReadChunk), this.buffer);
            if (read == 0)
            {
                this.CompleteDrainIfAsked();
                return false;
            }

            var snapshot = this.runtimeMetrics ? this.log.Snapshot() : default;
            int sent = 0;
            try
            {
                foreach (var stored in this.buffer)
                {
                    this.Link.SendMessage(this.ToMessage(stored, snapshot));
                    sent++;
                }
            }
            catch (AmqpException)
            {
                return false; // the link is detaching
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
            finally
            {
                this.nextIndex += sent;
                this.credit.Sent(sent);
            }

            return true;
        }
    }

    // Called under the gate.
    void CompleteDrainIfAsked()
    {
        if (!this.Link.IsDraining) { return; }

        try
        {
            this.Link.CompleteDrain();
            this.credit.Drained();
        }
        catch (AmqpException) { /* detaching */ }
    }

    Message ToMessage(StoredEvent stored, PartitionSnapshot snapshot)
    {
        var message = new Message
        {
            BodySection = new Data { Binary = stored.Body },
            MessageAnnotations = new MessageAnnotations(),
            ApplicationProperties = stored.ApplicationProperties,
            Properties = stored.Properties,
        };
        message.MessageAnnotations[EventHubConstants.SequenceNumberAnnotation] = stored.SequenceNumber;
        message.MessageAnnotations[EventHubConstants.OffsetAnnotation] = stored.Offset.ToString(CultureInfo.InvariantCulture);
        message.MessageAnnotations[EventHubConstants.EnqueuedTimeAnnotation] = stored.EnqueuedTime.UtcDateTime;
        if (stored.PartitionKey is not null)
        {
            message.MessageAnnotations[EventHubConstants.PartitionKeyAnnotation] = stored.PartitionKey;
        }

        if (this.runtimeMetrics)
        {
            message.DeliveryAnnotations = new DeliveryAnnotations();
            message.DeliveryAnnotations[EventHubConstants.LastSequenceNumberAnnotation] = snapshot.LastSequenceNumber;
            message.DeliveryAnnotations[EventHubConstants.LastOffsetAnnotation] = snapshot.LastOffset.ToString(CultureInfo.InvariantCulture);
            message.DeliveryAnnotations[EventHubConstants.LastEnqueuedTimeAnnotation] = snapshot.LastEnqueuedTime.UtcDateTime;
            message.DeliveryAnnotations[EventHubConstants.RetrievalTimeAnnotation] = this.time.GetUtcNow().UtcDateTime;
        }

        return message;
    }
}
