using Amqp;
using Amqp.Framing;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>
/// The attached partition receivers, keyed by (consumer group, partition), enforcing owner level (epoch):
/// a new epoch ≥ the highest disconnects the others with <c>amqp:link:stolen</c>; a lower epoch, or no epoch
/// while an epoch receiver exists, is refused with <c>amqp:link:stolen</c>; a 6th non-epoch receiver is
/// refused with <c>amqp:resource-limit-exceeded</c>.
/// </summary>
internal sealed class ReceiverRegistry
{
    readonly List<PartitionReceiverEndpoint> receivers = new();

    public int Count
    {
        get { lock (this.receivers) { return this.receivers.Count; } }
    }

    /// <summary>Adds the receiver or returns the error that refuses it; stolen receivers are detached after the lock.</summary>
    public Error? TryAdd(PartitionReceiverEndpoint receiver)
    {
        var stolen = new List<(PartitionReceiverEndpoint Receiver, Error Error)>();
        lock (this.receivers)
        {
            var peers = this.receivers.Where(r => r.SameSlot(receiver)).ToList();
            long? highest = peers.Where(r => r.Epoch.HasValue).Select(r => r.Epoch).Max();
            if (receiver.Epoch is long epoch)
            {
                if (highest is long current && epoch < current)
                {
                    return new Error(ErrorCode.Stolen)
                    {
                        Description = $"Receiver '{receiver.DisplayName}' with epoch '{epoch}' cannot be created because a receiver with a higher epoch '{current}' already exists.",
                    };
                }

                foreach (var peer in peers)
                {
                    stolen.Add((peer, new Error(ErrorCode.Stolen)
                    {
                        Description = $"New receiver '{receiver.DisplayName}' with higher epoch of '{epoch}' is created hence current receiver '{peer.DisplayName}' with epoch '{peer.Epoch?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nil"}' is getting disconnected. If you are recreating the receiver, make sure a higher epoch is used.",
                    }));
                    this.receivers.Remove(peer);
                }
            }
            else if (highest is long current)
            {
                return new Error(ErrorCode.Stolen)
                {
                    Description = $"At least one receiver for the endpoint is created with epoch of '{current}', and so non-epoch receiver is not allowed. Either reconnect with a higher epoch, or make sure all epoch receivers are closed or disconnected.",
                };
            }
            else if (peers.Count >= EventHubConstants.MaxNonEpochReceivers)
            {
                return new Error(ErrorCode.ResourceLimitExceeded)
                {
                    Description = $"Exceeded the maximum number of allowed receivers per partition in a consumer group which is {EventHubConstants.MaxNonEpochReceivers}. List of connected receivers - {string.Join(", ", peers.Select(p => p.DisplayName))}.",
                };
            }

            this.receivers.Add(receiver);
        }

        foreach (var (peer, error) in stolen)
        {
            peer.Detach(error);
        }

        return null;
    }

    public void Remove(PartitionReceiverEndpoint receiver)
    {
        lock (this.receivers) { this.receivers.Remove(receiver); }
    }

    public IReadOnlyList<PartitionReceiverEndpoint> Snapshot()
    {
        lock (this.receivers) { return this.receivers.ToList(); }
    }
}
