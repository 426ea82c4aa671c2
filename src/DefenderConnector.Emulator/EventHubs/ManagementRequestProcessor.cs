using Amqp;
using Amqp.Types;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>The <c>$management</c> node: READ of the hub and of one partition, with the service's map keys and types.</summary>
internal sealed class ManagementRequestProcessor(EventHubStore store, SasTokenValidator validator, EntraTokenValidator? entra,
    TimeProvider time, string clientHost) : IRequestHandler
{
    public Message Handle(Message request, ConnectionState connection)
    {
        string? operation = AmqpReplies.GetString(request, "operation");
        string? type = AmqpReplies.GetString(request, "type");
        string? name = AmqpReplies.GetString(request, "name");
        if (operation != "READ")
        {
            return AmqpReplies.Status(400, $"The operation '{operation}' is not supported.", EventHubConstants.ArgumentError);
        }

        if (name is null || !store.IsHub(name))
        {
            return AmqpReplies.Status(404, AmqpReplies.NotFoundText(name ?? string.Empty), ErrorCode.NotFound);
        }

        if (this.Unauthorized(request, connection) is { } refusal) { return refusal; }

        if (type == EventHubConstants.EventHubEntityType)
        {
            var map = new Map
            {
                ["name"] = store.HubName,
                ["type"] = EventHubConstants.EventHubEntityType,
                ["created_at"] = store.CreatedAt.UtcDateTime,
                ["partition_count"] = store.PartitionIds.Length,
                ["partition_ids"] = store.PartitionIds.ToArray(),
            };
            return AmqpReplies.Status(200, "OK", body: map);
        }

        if (type == EventHubConstants.PartitionEntityType)
        {
            string? partitionId = AmqpReplies.GetString(request, "partition");
            var partition = partitionId is null ? null : store.FindPartition(partitionId);
            if (partition is null)
            {
                return AmqpReplies.Status(400, EventHubConstants.PartitionInvalidText, EventHubConstants.ArgumentOutOfRange);
            }

            var snapshot = partition.Snapshot();
            var map = new Map
            {
                ["name"] = store.HubName,
                ["type"] = EventHubConstants.PartitionEntityType,
                ["partition"] = partition.PartitionId,
                ["begin_sequence_number"] = snapshot.BeginSequenceNumber,
                ["last_enqueued_sequence_number"] = snapshot.LastSequenceNumber,
                ["last_enqueued_offset"] = snapshot.LastOffset.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["last_enqueued_time_utc"] = snapshot.LastEnqueuedTime.UtcDateTime,
                ["is_partition_empty"] = snapshot.IsEmpty,
                ["runtime_info_retrieval_time_utc"] = time.GetUtcNow().UtcDateTime,
            };
            return AmqpReplies.Status(200, "OK", body: map);
        }

        return AmqpReplies.Status(400, $"The entity type '{type}' is not supported.", EventHubConstants.ArgumentError);
    }

    /// <summary>
    /// A connection already authorized on $cbs for the hub (or its $management node) needs no security_token:
    /// Microsoft's Python client puts a token on $cbs first and then sends its token object (not a token
    /// string) here. Otherwise a security_token, SAS or Entra, is checked when present. An Entra principal
    /// without a Data Receiver, Sender or Owner role is refused with the service's claims wording.
    /// </summary>
    Message? Unauthorized(Message request, ConnectionState connection)
    {
        var now = time.GetUtcNow();
        string hub = store.HubName.ToLowerInvariant();
        var rights = connection.RightsFor(hub, now) ?? connection.RightsFor(hub + "/$management", now);
        string? token = AmqpReplies.GetString(request, "security_token");
        if (rights is null && token is not null)
        {
            if (SasTokenValidator.IsSasToken(token) || entra is null)
            {
                var check = validator.Validate(token, store.HubName, compareHost: false);
                if (!check.Succeeded) { return AmqpReplies.Status(401, check.Description, ErrorCode.UnauthorizedAccess); }

                rights = AccessRights.All;
            }
            else
            {
                var grant = entra.Validate(token);
                if (!grant.Succeeded) { return AmqpReplies.Status(401, grant.Description, ErrorCode.UnauthorizedAccess); }

                rights = grant.Rights;
            }
        }

        return rights == AccessRights.None
            ? AmqpReplies.Status(401, $"Unauthorized access. 'Listen' claim(s) are required to perform this operation. Resource: 'sb://{clientHost}/{hub}/$management'.", ErrorCode.UnauthorizedAccess)
            : null;
    }
}
