using Microsoft.Extensions.Logging;

namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// Keeps the SAS authorization of every audience with open links fresh: each audience is put again
/// <see cref="SharedAccessSignature.RefreshAfter"/> after its last successful put, for as long as
/// it is tracked. A failed renewal is retried soon (the old token is still valid for a while); if it
/// never succeeds the service detaches the links, which surfaces as a classified failure there.
/// </summary>
internal sealed class CbsTokenRenewer : IAsyncDisposable
{
    private readonly Func<string, CancellationToken, Task> _authorize;
    private readonly TimeSpan _refreshAfter;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<string, Entry> _audiences = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;

    public CbsTokenRenewer(Func<string, CancellationToken, Task> authorize, TimeSpan tokenLifetime, TimeProvider time, ILogger logger)
    {
        _authorize = authorize;
        _refreshAfter = SharedAccessSignature.RefreshAfter(tokenLifetime);
        _time = time;
        _logger = logger;
    }

    /// <summary>Starts (or keeps) renewing <paramref name="audience"/>, which was just authorized.</summary>
    public void Track(string audience)
    {
        lock (_audiences)
        {
            var due = _time.GetUtcNow() + _refreshAfter;
            if (_audiences.TryGetValue(audience, out var entry))
            {
                entry.Users++;
                entry.Due = due;
            }
            else
            {
                _audiences[audience] = new Entry { Users = 1, Due = due };
            }

            _loop ??= Task.Run(() => RunAsync(_stop.Token));
            _wake.TrySetResult();
        }
    }

    /// <summary>Stops renewing <paramref name="audience"/> once its last link closed.</summary>
    public void Untrack(string audience)
    {
        lock (_audiences)
        {
            if (_audiences.TryGetValue(audience, out var entry) && --entry.Users <= 0)
            {
                _audiences.Remove(audience);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            string? audience = null;
            DateTimeOffset due = default;
            Task wake;
            lock (_audiences)
            {
                foreach (var (name, entry) in _audiences)
                {
                    if (audience is null || entry.Due < due)
                    {
                        (audience, due) = (name, entry.Due);
                    }
                }

                if (_wake.Task.IsCompleted)
                {
                    _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                wake = _wake.Task;
            }

            try
            {
                if (audience is null)
                {
                    await wake.WaitAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var delay = due - _time.GetUtcNow();
                if (delay > TimeSpan.Zero)
                {
                    // Entries added later are due later, so only an empty set needs waking.
                    await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                }

                await RenewAsync(audience, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task RenewAsync(string audience, CancellationToken cancellationToken)
    {
        lock (_audiences)
        {
            if (!_audiences.ContainsKey(audience))
            {
                return;
            }
        }

        DateTimeOffset next;
        try
        {
            await _authorize(audience, cancellationToken).ConfigureAwait(false);
            EventHubLog.TokenRenewed(_logger, audience);
            next = _time.GetUtcNow() + _refreshAfter;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            var failure = EventHubErrors.FromException(EventHubOperation.Authorize, $"Renewing the token for {audience}", e);
            var retry = TimeSpan.FromTicks(Math.Clamp(_refreshAfter.Ticks / 8, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute));
            EventHubLog.TokenRenewalFailed(_logger, audience, failure.Reason, failure.Message, retry.TotalSeconds);
            next = _time.GetUtcNow() + retry;
        }

        lock (_audiences)
        {
            if (_audiences.TryGetValue(audience, out var entry))
            {
                entry.Due = next;
            }
        }
    }

    private sealed class Entry
    {
        public int Users { get; set; }

        public DateTimeOffset Due { get; set; }
    }
}
