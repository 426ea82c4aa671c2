using DefenderConnector.Abstractions;

namespace DefenderConnector.Sources.EventHub;

// Placeholder so the solution builds while the probe is written; replaced in full.
internal sealed class EventHubConnectivityProbe
{
    private readonly EventHubSourceOptions _options;

    public EventHubConnectivityProbe(EventHubSourceOptions options, TimeProvider time)
    {
        _options = options;
        _ = time;
    }

    public Task<ConnectivityReport> RunAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new ConnectivityReport(EventHubConstants.SourceName, "Unknown", "The probe is not built yet: " + _options.Describe(), [], []));
}
