using DefenderConnector.IntegrationTests.Support;

namespace DefenderConnector.IntegrationTests.ScaleOut;

/// <summary>
/// Watches the ownership blobs while instances run (every 100 ms) and remembers every partition that
/// passed from one owner to another, the only partitions where a record may be delivered twice.
/// </summary>
internal sealed class OwnershipHistory
{
    private readonly Azurite _azurite;
    private readonly string _stream;
    private readonly HashSet<string> _changed;
    private readonly Dictionary<string, string> _last = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watch;
    private Dictionary<string, string> _current = [];

    public OwnershipHistory(Azurite azurite, string stream, HashSet<string> changed)
    {
        _azurite = azurite;
        _stream = stream;
        _changed = changed;
        _watch = Task.Run(WatchAsync);
    }

    /// <summary>Waits until the ownership satisfies <paramref name="condition"/>; returns that ownership.</summary>
    public async Task<Dictionary<string, string>> WaitAsync(Func<Dictionary<string, string>, bool> condition, TimeSpan timeout, string failure)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            Dictionary<string, string> snapshot;
            lock (_changed)
            {
                snapshot = new(_current, StringComparer.Ordinal);
            }

            if (condition(snapshot))
            {
                return snapshot;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException(failure);
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _watch.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task WatchAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var owners = await _azurite.OwnersAsync(SharedStoreSettings.Container, _stream);
                lock (_changed)
                {
                    foreach (var (partition, owner) in owners)
                    {
                        if (owner.Length > 0 && _last.TryGetValue(partition, out var before) && before != owner)
                        {
                            _changed.Add(partition);
                        }

                        if (owner.Length > 0)
                        {
                            _last[partition] = owner;
                        }
                    }

                    _current = owners;
                }

                await Task.Delay(100, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Azure.RequestFailedException)
            {
                // Azurite busy for a moment: look again.
            }
        }
    }
}
