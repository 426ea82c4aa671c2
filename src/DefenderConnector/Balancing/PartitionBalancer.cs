using Microsoft.Extensions.Logging;

namespace DefenderConnector.Balancing;

/// <summary>
/// This instance's share of one stream's partitions. Each <see cref="CycleAsync"/> lists ownership,
/// plans with <see cref="OwnershipPlanner"/>, writes the claims (ETag-guarded) and keeps what it won;
/// <see cref="Start"/> repeats that every <c>updateInterval</c> for as long as the instance lives, so its
/// ownership stays fresh between scheduled pulls and a dead instance's ownership expires. Disposing
/// relinquishes what it holds (ownership written with an empty owner), so the others take over at once.
/// Between pulls an instance only renews (<see cref="HoldAsync"/>): a partition it claimed then would have
/// nobody reading it until its next pull, while the instance that lost it had stopped reading it.
/// </summary>
internal sealed class PartitionBalancer : IAsyncDisposable
{
    private readonly IOwnershipStore _store;
    private readonly string _stream;
    private readonly LoadBalancingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Random _random = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly object _sync = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Dictionary<string, int> _claims = new(StringComparer.Ordinal);
    private Dictionary<string, PartitionOwnership> _owned = new(StringComparer.Ordinal);
    private volatile bool _claiming = true;
    private IReadOnlyList<string> _partitions = [];
    private DateTimeOffset _lastRenewed;
    private TaskCompletionSource _cycled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;

    public PartitionBalancer(IOwnershipStore store, string stream, string ownerId, LoadBalancingOptions options, TimeProvider time, ILogger logger)
    {
        _store = store;
        _stream = stream;
        OwnerId = ownerId;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public string OwnerId { get; }

    /// <summary>The partitions held after the last cycle.</summary>
    public IReadOnlyCollection<string> Owned
    {
        get
        {
            lock (_sync)
            {
                return _owned.Keys.ToArray();
            }
        }
    }

    /// <summary>The last cycle wanted nothing new: this instance has its fair share (or nothing is free to take).</summary>
    public bool Settled { get; private set; }

    /// <summary>Live owners and the minimum share, as the last cycle counted them (for reports).</summary>
    public (int Owners, int FairShare) LastCount { get; private set; }

    /// <summary>
    /// How many times this instance has newly claimed the partition (renewals do not count): a reader that
    /// lost a partition reads it again only once this has moved, so it never takes back a link the new
    /// owner opened before its own cycle has seen the loss.
    /// </summary>
    public int Claims(string partition)
    {
        lock (_sync)
        {
            return _claims.GetValueOrDefault(partition);
        }
    }

    /// <summary>Completes when the next cycle has ended.</summary>
    public Task NextCycle
    {
        get
        {
            lock (_sync)
            {
                return _cycled.Task;
            }
        }
    }

    /// <summary>Keeps cycling every <c>updateInterval</c> in the background (once started, until disposed).</summary>
    public void Start(IReadOnlyList<string> partitions)
    {
        lock (_sync)
        {
            _partitions = partitions;
            _loop ??= Task.Run(LoopAsync);
        }
    }

    /// <summary>Cycles claim again (a pull has started and reads what is claimed).</summary>
    public void ResumeClaims() => _claiming = true;

    /// <summary>
    /// From now on cycles only renew. Returns once a cycle in flight has ended, so <see cref="Owned"/> then
    /// holds every partition this instance will own until <see cref="ResumeClaims"/> (it can only shrink).
    /// </summary>
    public async Task HoldAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        _claiming = false;
        _gate.Release();
    }

    /// <summary>One cycle: list, plan, claim. A store failure keeps what was held until the expiry has passed since the last renewal.</summary>
    public async Task CycleAsync(IReadOnlyList<string> partitions, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_stopping.IsCancellationRequested)
            {
                // Shutting down: a cycle that waited while the partitions were given back must not claim them again.
                return;
            }

            _partitions = partitions;
            var now = _time.GetUtcNow();
            try
            {
                var records = await _store.ListOwnershipAsync(_stream, cancellationToken).ConfigureAwait(false);
                var plan = OwnershipPlanner.Plan(partitions, records, OwnerId, now, _options, _random);
                var claims = _claiming ? plan.NewClaims : [];
                var won = await _store.ClaimOwnershipAsync(_stream, [.. plan.Renewals, .. claims], cancellationToken).ConfigureAwait(false);
                var owned = won.ToDictionary(o => o.PartitionId, StringComparer.Ordinal);
                var gained = claims.Count(c => owned.ContainsKey(c.PartitionId));
                foreach (var lost in _owned.Keys.Where(p => !owned.ContainsKey(p)))
                {
                    BalancingLog.Lost(_logger, _stream, lost);
                }

                foreach (var partition in owned.Keys.Where(p => !_owned.ContainsKey(p)))
                {
                    BalancingLog.Claimed(_logger, _stream, partition, OwnerId);
                }

                lock (_sync)
                {
                    _owned = owned;
                    foreach (var claim in claims.Where(c => owned.ContainsKey(c.PartitionId)))
                    {
                        _claims[claim.PartitionId] = _claims.GetValueOrDefault(claim.PartitionId) + 1;
                    }
                }

                _lastRenewed = now;
                Settled = plan.SettledAfter(gained);
                LastCount = (plan.ActiveOwners, plan.FairShare);
            }
            catch (Exception e) when (e is not OperationCanceledException && Failures.IsRecoverable(e))
            {
                BalancingLog.CycleFailed(_logger, _stream, e.Message.ReplaceLineEndings(" "));
                if (now - _lastRenewed >= _options.OwnershipExpiry && _owned.Count > 0)
                {
                    // Others may already hold them: stop reading rather than read beside the new owner.
                    lock (_sync)
                    {
                        _owned = new(StringComparer.Ordinal);
                    }
                }

                Settled = false;
                throw;
            }
        }
        finally
        {
            TaskCompletionSource done;
            lock (_sync)
            {
                done = _cycled;
                _cycled = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            _gate.Release();
            done.TrySetResult();
        }
    }

    /// <summary>
    /// Gives back what this instance holds (an empty owner), so others claim it without waiting for the
    /// expiry. It lists first and writes at the versions it finds: a renewal the store applied although the
    /// cycle that sent it was cancelled at shutdown has moved the version this instance last saw.
    /// </summary>
    public async Task RelinquishAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var given = 0;
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var records = await _store.ListOwnershipAsync(_stream, cancellationToken).ConfigureAwait(false);
                var held = records.Where(r => r.OwnerId == OwnerId).Select(r => r with { OwnerId = string.Empty }).ToList();
                if (held.Count == 0)
                {
                    break;
                }

                given += (await _store.ClaimOwnershipAsync(_stream, held, cancellationToken).ConfigureAwait(false)).Count;
            }

            if (given > 0)
            {
                BalancingLog.Relinquished(_logger, _stream, given);
            }

            lock (_sync)
            {
                _owned = new(StringComparer.Ordinal);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is { } loop)
        {
            await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await RelinquishAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (Failures.IsRecoverable(e))
        {
            // The ownership then expires instead; nothing is lost.
            BalancingLog.CycleFailed(_logger, _stream, e.Message.ReplaceLineEndings(" "));
        }

        _stopping.Dispose();
        _gate.Dispose();
    }

    private async Task LoopAsync()
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.UpdateInterval, _time, token).ConfigureAwait(false);
                await CycleAsync(_partitions, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (Failures.IsRecoverable(e))
            {
                // Logged by the cycle; the next one tries again.
            }
        }
    }
}
