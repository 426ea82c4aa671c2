using DefenderConnector.Balancing;
using DefenderConnector.Pulling;
using Microsoft.Extensions.Logging;

namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// A pull of the partitions this instance owns, when several instances share the hub through a
/// <see cref="PartitionBalancer"/>. It balances once at the start, reads what it owns (each partition to
/// the tail it has when its read starts), starts partitions it gains while the pull runs, and stops
/// reading one it loses, as soon as the balancer (or the service's <c>amqp:link:stolen</c>, from the new
/// owner's receiver with the same owner level) says so. The pull ends when nothing it owns is left to
/// read and it holds its fair share, or the pull's budget is spent.
/// </summary>
internal sealed class BalancedPull(PartitionBalancer balancer, PullRun run, ILogger logger)
{
    public async Task RunAsync(IReadOnlyList<string> partitionIds, Func<string, CancellationToken, Task> read, CancellationToken cancellationToken)
    {
        balancer.Start(partitionIds);
        await balancer.CycleAsync(partitionIds, cancellationToken).ConfigureAwait(false);
        var running = new Dictionary<string, (Task Task, CancellationTokenSource Cancel)>(StringComparer.Ordinal);
        var finished = new HashSet<string>(StringComparer.Ordinal);
        var failures = new List<Exception>();
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
                    foreach (var partition in owned.Where(p => !running.ContainsKey(p) && !finished.Contains(p)).Order(StringComparer.Ordinal))
                    {
                        var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                        running[partition] = (ReadOneAsync(partition, read, cancel.Token, cancellationToken), cancel);
                    }
                }

                if (running.Count == 0 && (balancer.Settled || !run.Budget.Open))
                {
                    break;
                }

                var next = balancer.NextCycle;
                await Task.WhenAny(running.Values.Select(r => r.Task).Append(next)).WaitAsync(cancellationToken).ConfigureAwait(false);
                foreach (var (partition, reading) in running.Where(r => r.Value.Task.IsCompleted).ToList())
                {
                    running.Remove(partition);
                    reading.Cancel.Dispose();
                    finished.Add(partition);
                    if (reading.Task.Exception?.InnerException is { } failure)
                    {
                        failures.Add(failure);
                    }
                }
            }
        }
        finally
        {
            foreach (var reading in running.Values)
            {
                await reading.Cancel.CancelAsync().ConfigureAwait(false);
                await reading.Task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                reading.Cancel.Dispose();
            }
        }

        if (failures.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failures[0]);
        }
    }

    /// <summary>Reads one partition; losing it (to the balancer, or to another owner's receiver) ends the read quietly: its last commit stands.</summary>
    private async Task ReadOneAsync(string partition, Func<string, CancellationToken, Task> read, CancellationToken lost, CancellationToken pull)
    {
        try
        {
            await read(partition, lost).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested && !pull.IsCancellationRequested)
        {
            BalancingLog.HandedOver(logger, partition, "its ownership moved to another instance");
        }
        catch (ConnectorException e) when (e.EventHubReason == EventHubFailureReason.OwnershipLost)
        {
            BalancingLog.HandedOver(logger, partition, "another instance's receiver took it");
        }
    }
}
