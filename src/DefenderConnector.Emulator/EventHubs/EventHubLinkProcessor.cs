using Amqp;
using Amqp.Framing;
using Amqp.Listener;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>
/// Accepts or refuses every attach that is not $cbs or $management: partition receivers
/// (<c>&lt;hub&gt;/ConsumerGroups/&lt;cg&gt;/Partitions/&lt;p&gt;</c>) and producers (<c>&lt;hub&gt;</c>,
/// <c>&lt;hub&gt;/Partitions/&lt;p&gt;</c>), with the service's error conditions.
/// </summary>
internal sealed class EventHubLinkProcessor(
    EventHubStore store, ConnectionRegistry connections, ReceiverRegistry receivers, LinkTracker tracker,
    AttachFaults faults, TimeProvider time, long maxMessageSize, IReadOnlyDictionary<string, IRequestHandler> nodes,
    string clientHost) : ILinkProcessor
{
    public void Process(AttachContext attachContext)
    {
        var error = this.TryAttach(attachContext);
        if (error is not null)
        {
            attachContext.Complete(error);
        }
    }

    Error? TryAttach(AttachContext context)
    {
        if (this.TryAttachNode(context)) { return null; }

        if (faults.TryConsume(out var condition))
        {
            return new Error(condition) { Description = "The emulator was told to refuse this attach (fault injection)." };
        }

        var attach = context.Attach;
        bool clientReceives = attach.Role;
        string? rawAddress = clientReceives ? (attach.Source as Source)?.Address : (attach.Target as Target)?.Address;
        var address = EntityAddress.Parse(rawAddress);
        if (!store.IsHub(address.Hub))
        {
            return NotFound(rawAddress);
        }

        var state = connections.Get(context.Link.Session.Connection);
        if (clientReceives)
        {
            return address.Kind == EntityKind.ConsumerPartition
                ? this.AttachReceiver(context, address, state)
                : NotFound(rawAddress);
        }

        return address.Kind is EntityKind.Hub or EntityKind.PartitionSender
            ? this.AttachPublisher(context, address, state)
            : NotFound(rawAddress);
    }

    /// <summary>Request/response nodes ($cbs, $management): any client may attach; requests are checked one by one.</summary>
    bool TryAttachNode(AttachContext context)
    {
        var attach = context.Attach;
        string? address = attach.Role ? (attach.Source as Source)?.Address : (attach.Target as Target)?.Address;
        if (address is null || !nodes.TryGetValue(address, out var handler)) { return false; }

        var state = connections.Get(context.Link.Session.Connection);
        if (attach.Role)
        {
            state.AddReplyLink(context.Link, attach.LinkName, (attach.Target as Target)?.Address, address);
            context.Complete(new ReplyLinkEndpoint(state), 0);
        }
        else
        {
            context.Complete(new RequestLinkEndpoint(handler, state, address), EventHubConstants.RequestLinkCredit);
        }

        return true;
    }

    Error? AttachReceiver(AttachContext context, EntityAddress address, ConnectionState state)
    {
        if (!store.HasConsumerGroup(address.ConsumerGroup!))
        {
            return new Error(ErrorCode.NotFound)
            {
                // The service's "messaging entity" wording (clients classify not-found by it) plus the reason.
                Description = $"The messaging entity '{address.Path}' could not be found: the consumer group '{address.ConsumerGroup}' does not exist on event hub '{store.HubName}'.",
            };
        }

        var partition = store.FindPartition(address.PartitionId!);
        if (partition is null)
        {
            return new Error(EventHubConstants.ArgumentOutOfRange) { Description = EventHubConstants.PartitionInvalidText };
        }

        if (this.Unauthorized(state, address, AccessRights.Listen) is { } unauthorized) { return unauthorized; }

        if (!EventPosition.TryParse(context.Attach.Source as Source, out var position, out var filterError))
        {
            return new Error(ErrorCode.InvalidField) { Description = filterError };
        }

        var receiver = new PartitionReceiverEndpoint(context.Link, state, address, tracker, partition, receivers,
            position.ResolveStartIndex(partition), context.Attach, time);
        if (receivers.TryAdd(receiver) is { } refused) { return refused; }

        tracker.Add(receiver);
        context.Complete(receiver, 0);
        receiver.Start();
        return null;
    }

    Error? AttachPublisher(AttachContext context, EntityAddress address, ConnectionState state)
    {
        PartitionLog? partition = null;
        if (address.Kind == EntityKind.PartitionSender)
        {
            partition = store.FindPartition(address.PartitionId!);
            if (partition is null)
            {
                return new Error(EventHubConstants.ArgumentOutOfRange) { Description = EventHubConstants.PartitionInvalidText };
            }
        }

        if (this.Unauthorized(state, address, AccessRights.Send) is { } unauthorized) { return unauthorized; }

        var publisher = new PublisherEndpoint(context.Link, state, address, tracker, store, partition, maxMessageSize);
        tracker.Add(publisher);
        context.Complete(publisher, EventHubConstants.PublisherLinkCredit);
        return null;
    }

    Error? Unauthorized(ConnectionState state, EntityAddress address, AccessRights needed)
    {
        var rights = state.RightsFor(address.AuthorizationPath, time.GetUtcNow());
        if (rights is null)
        {
            return new Error(ErrorCode.UnauthorizedAccess)
            {
                Description = $"Unauthorized access to '{address.Path}': put a valid, unexpired SAS token for it on $cbs first, or log in with SASL PLAIN.",
            };
        }

        if ((rights.Value & needed) == needed) { return null; }

        // The service's wording when a principal lacks the role (Data Receiver for Listen, Data Sender for Send).
        string claim = needed == AccessRights.Listen ? "Listen" : "Send";
        return new Error(ErrorCode.UnauthorizedAccess)
        {
            Description = $"Unauthorized access. '{claim}' claim(s) are required to perform this operation. Resource: 'sb://{clientHost}/{address.AuthorizationPath}'.",
        };
    }


    static Error NotFound(string? address) =>
        new(ErrorCode.NotFound) { Description = AmqpReplies.NotFoundText(address ?? string.Empty) };
}
