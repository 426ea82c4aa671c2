using DefenderConnector.Balancing;
using DefenderConnector.Pulling;
using Microsoft.Extensions.Logging;

namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// A pull of the partitions this instance owns, when several instances share the hub through a
/// <see cref="PartitionBalancer"/>. It claims its share at the start (cycle after cycle until it holds its share,
/// at most one more than there are partitions: a claim that loses a race means another instance moved
/// first, so the next cycle lists again), reads what it owns (each partition to the tail it has when its read starts), starts
/// partitions it gains while the pull runs, and stops reading one it loses, as soon as the balancer (or the
/// service's <c>amqp:link:stolen</c>, from the new owner's receiver with the same owner level) says so. A
/// partition lost part-read is read again, from its last checkpoint, if this instance claims it anew in the
/// same pull. A link taken by another receiver while the balancer still lists the partition (the other
/// instance opened it before its own cycle saw that the partition had moved) makes the balancer cycle at
/// once: if the store still says this instance owns it, it is read again (a few times at most), else it
/// is left to its owner. When nothing it owns is left to read and it holds its fair share (or the budget is spent),
/// it stops claiming (<see cref="PartitionBalancer.HoldAsync"/>), reads anything the last cycle gave it,
/// and ends: no partition is claimed without being read.
/// </summary>
internal sealed class BalancedPull(PartitionBalancer balancer, PullRun run, ILogger logger)
{
    /// <summary>How often in one pull a partition whose link was taken is read again after the store confirmed it is still this instance's.</summary>
    private const int MaxRetakes = 3;

    public async Task RunAsync(IReadOnlyList<string> partitionIds, Func<string, CancellationToken, Task> read, CancellationToken cancellationToken)
    {
        balancer.Start(partitionIds);
        balancer.ResumeClaims();
        for (var cycle = 0; cycle <= partitionIds.Count; cycle++)
        {
            await balancer.CycleAsync(partitionIds, cancellationToken).ConfigureAwait(false);
            if (balancer.Settled)
            {
                break;
            }
        }

        var running = new Dictionary<string, (Task<PartitionReadEnd> Task, CancellationTokenSource Cancel, int Claims)>(StringComparer.Ordinal);
        var finished = new HashSet<string>(StringComparer.Ordinal);

        // Lost part-read: partition → the balancer's claim count when its read started. Read again once that moves.
        var handedOver = new Dictionary<string, int>(StringComparer.Ordinal);
        var retakes = new Dictionary<string, int>(StringComparer.Ordinal);
        var failures = new List<Exception>();
        var holding = false;
        try
        {
            while (true)
            {
                var owned = balancer.Owned.ToHashSet(StringComparer.Ordinal);
                foreach (var (partition, reading) in running.Where(r => !owned.Contains(r.Key)))
                {
                    await reading.Cancel.CancelAsync().ConfigureAwait(false);
                }

                if (run.Budget.Open)
                {
                    foreach (var partition in owned.Where(p => !running.ContainsKey(p) && !finished.Contains(p) && ClaimedAgain(p)).Order(StringComparer.Ordinal))
                    {
                        handedOver.Remove(partition);
                        var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                        running[partition] = (ReadOneAsync(partition, read, cancel.Token, cancellationToken), cancel, balancer.Claims(partition));
                    }
                }

                if (running.Count == 0 && (holding || balancer.Settled || !run.Budget.Open))
                {
                    if (holding)
                    {
                        break;
                    }

                    // Claims stop before the pull ends; what a cycle in flight won is read on the next turn.
                    await balancer.HoldAsync(cancellationToken).ConfigureAwait(false);
                    holding = true;
                    continue;
                }

                var next = balancer.NextCycle;
                await Task.WhenAny(running.Values.Select(r => (Task)r.Task).Append(next)).WaitAsync(cancellationToken).ConfigureAwait(false);
                var taken = new List<string>();
                foreach (var (partition, reading) in running.Where(r => r.Value.Task.IsCompleted).ToList())
                {
                    running.Remove(partition);
                    reading.Cancel.Dispose();
                    if (reading.Task.Exception?.InnerException is { } failure)
                    {
                        failures.Add(failure);
                        finished.Add(partition);
                    }
                    else if (reading.Task.Result == PartitionReadEnd.Finished)
                    {
                        finished.Add(partition);
                    }
                    else
                    {
                        handedOver[partition] = reading.Claims;
                        if (reading.Task.Result == PartitionReadEnd.Taken && retakes.GetValueOrDefault(partition) < MaxRetakes)
                        {
                            retakes[partition] = retakes.GetValueOrDefault(partition) + 1;
                            taken.Add(partition);
                        }
                    }
                }

                if (taken.Count > 0)
                {
                    await ConfirmAsync(partitionIds, taken, handedOver, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            foreach (var reading in running.Values)
            {
                await reading.Cancel.CancelAsync().ConfigureAwait(false);
                await ((Task)reading.Task).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                reading.Cancel.Dispose();
            }
        }

        if (failures.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failures[0]);
        }

        bool ClaimedAgain(string partition) => !handedOver.TryGetValue(partition, out var claims) || balancer.Claims(partition) != claims;
    }

    /// <summary>
    /// Asks the store at once who owns partitions whose links were taken: those still this instance's are
    /// read again (their hand-over is forgotten); the others are now known lost. A store failure leaves
    /// them handed over, for the next cycle to settle.
    /// </summary>
    private async Task ConfirmAsync(IReadOnlyList<string> partitionIds, List<string> taken, Dictionary<string, int> handedOver, CancellationToken cancellationToken)
    {
        try
        {
            await balancer.CycleAsync(partitionIds, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException && Failures.IsRecoverable(e))
        {
            return;
        }

        var owned = balancer.Owned.ToHashSet(StringComparer.Ordinal);
        foreach (var partition in taken.Where(owned.Contains))
        {
            BalancingLog.Retaken(logger, partition);
            handedOver.Remove(partition);
        }
    }

    /// <summary>
    /// Reads one partition; losing it (to the balancer, or to another receiver) ends the read quietly: its
    /// last commit stands.
    /// </summary>
    private async Task<PartitionReadEnd> ReadOneAsync(string partition, Func<string, CancellationToken, Task> read, CancellationToken lost, CancellationToken pull)
    {
        try
        {
            await read(partition, lost).ConfigureAwait(false);
            return PartitionReadEnd.Finished;
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested && !pull.IsCancellationRequested)
        {
            BalancingLog.HandedOver(logger, partition, "its ownership moved to another instance");
            return PartitionReadEnd.Moved;
        }
        catch (ConnectorException e) when (e.EventHubReason == EventHubFailureReason.OwnershipLost)
        {
            BalancingLog.HandedOver(logger, partition, "another instance's receiver took it");
            return PartitionReadEnd.Taken;
        }
    }
}
