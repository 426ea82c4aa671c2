using Azure.Storage.Blobs;
using DefenderConnector.Abstractions;
using DefenderConnector.Pulling;
using Microsoft.Extensions.Logging;

namespace DefenderConnector.Sources.Storage;

/// <summary>
/// Defender's Streaming API export to Azure Storage as the pull engine reads it: lists the export containers
/// (one per table, those the table filter passes), lists each container's hourly blobs, and hands every blob
/// that grew since its checkpoint to the engine as an <see cref="ExportBlobStream"/>, oldest hour first;
/// containers are read concurrently (<c>concurrency</c>), within one budget. Blobs read to their end after
/// their hour ended and <c>retireAfter</c> passed leave the working set (<see cref="RetirementMark"/>).
/// </summary>
internal sealed class StorageExportSource : IPullSource
{
    private readonly StorageSourceOptions _options;
    private readonly Func<BlobServiceClient> _clientFactory;
    private readonly ILogger _logger;

    public StorageExportSource(StorageSourceOptions options, Func<BlobServiceClient> clientFactory, ILoggerFactory loggerFactory, string name = StorageConstants.SourceName)
    {
        _options = options;
        _clientFactory = clientFactory;
        _logger = loggerFactory.CreateLogger("DefenderConnector.Storage");
        Descriptor = new SourceDescriptor(name, options.Describe(), options.PullInterval);
    }

    public SourceDescriptor Descriptor { get; }

    public long MaxEventsPerPull => _options.MaxEventsPerPull;

    public TimeSpan MaxPullDuration => _options.MaxPullDuration;

    public Task<ConnectivityReport> TestConnectivityAsync(CancellationToken cancellationToken) =>
        new StorageConnectivityProbe(_options, _clientFactory(), Descriptor.Name).RunAsync(cancellationToken);

    public async Task<SourcePullOutcome> PullAsync(PullRun run, CancellationToken cancellationToken)
    {
        var facts = new StorageFacts();
        run.ReportFacts(facts.ToFacts);
        var client = _clientFactory();
        var containers = await WithRetryAsync(run, async ct =>
        {
            var names = new List<string>();
            await foreach (var item in client.GetBlobContainersAsync(prefix: _options.ContainerPrefix, cancellationToken: ct).ConfigureAwait(false))
            {
                names.Add(item.Name);
            }

            return names;
        }, "list containers", cancellationToken).ConfigureAwait(false);

        var wanted = new List<string>();
        foreach (var container in containers.Order(StringComparer.Ordinal))
        {
            if (_options.Tables.Passes(container[_options.ContainerPrefix.Length..]))
            {
                wanted.Add(container);
            }
            else
            {
                facts.SkipTable(container);
            }
        }

        using var gate = new SemaphoreSlim(_options.Concurrency);
        var failures = new List<(string Container, ConnectorException Failure)>();
        var reads = wanted.Select(async container =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                facts.AddContainer();
                await new ExportContainerPull(client.GetBlobContainerClient(container), _options, facts, run, _logger).RunAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ConnectorException e) when (e.Failure == Pulling.ConnectorFailure.Storage)
            {
                // One container's failure does not stop the others; what it delivered stays committed.
                LogMessages.StorageContainerFailed(_logger, container, e.Code, e.Message);
                lock (failures)
                {
                    failures.Add((container, e));
                }
            }
            finally
            {
                gate.Release();
            }
        }).ToArray();
        await Task.WhenAll(reads).ConfigureAwait(false);

        if (failures.Count > 0 && failures.Count == wanted.Count)
        {
            throw failures.OrderBy(f => f.Container, StringComparer.Ordinal).First().Failure;
        }

        if (failures.Count > 0)
        {
            var first = failures.OrderBy(f => f.Container, StringComparer.Ordinal).First();
            return new SourcePullOutcome(PullStopReason.Failed, facts.ToFacts(), $"{first.Failure.Code}: container {first.Container} ({failures.Count} of {wanted.Count} failed): {first.Failure.Message}");
        }

        return new SourcePullOutcome(PullStopReason.CaughtUp, facts.ToFacts());
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    internal static async Task<T> WithRetryAsync<T>(PullRun run, Func<CancellationToken, Task<T>> operation, string what, CancellationToken cancellationToken, int maxRetries = StorageConstants.DefaultMaxRetries)
    {
        var resilience = run.Resilience(
            (failure, attempt) => StorageRetryDecision.Delay(failure, attempt, maxRetries, Random.Shared.NextDouble()),
            (_, _, _) => { });
        return await resilience.Pipeline.ExecuteAsync(
            async ct =>
            {
                try
                {
                    return await operation(ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    throw StorageFailureClassifier.Classify(e, what);
                }
            },
            cancellationToken).ConfigureAwait(false);
    }
}
