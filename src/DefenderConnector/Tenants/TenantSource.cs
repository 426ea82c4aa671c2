using DefenderConnector.Abstractions;
using DefenderConnector.Mapping;
using DefenderConnector.Pulling;

namespace DefenderConnector.Tenants;

/// <summary>
/// One source of one tenant, named <c>&lt;tenant&gt;/&lt;kind&gt;</c> (<c>contoso/eventhub</c>). The name is what the
/// engine keys the pull's overlap gate, pull history, dead letters and metrics (<c>source</c> tag) on, and what
/// the host schedules, so each tenant's source is pulled, reported and failed on its own: one tenant's bad key or
/// throttling ends that source's pull, never another tenant's. Every event is stamped with the tenant
/// (<see cref="TenantStamp"/>).
/// </summary>
internal sealed class TenantSource : IPullSource
{
    private readonly IPullSource _inner;
    private readonly TenantOptions _tenant;

    public TenantSource(TenantOptions tenant, IPullSource inner)
    {
        _tenant = tenant;
        _inner = inner;
        Tenant = tenant.Stamp();
        var kind = inner.Descriptor;
        Descriptor = new SourceDescriptor(TenantConstants.SourceName(tenant.Name, kind.Name), $"{tenant.Organization}: {kind.DisplayName}", kind.PullInterval);
    }

    public SourceDescriptor Descriptor { get; }

    public TenantStamp Tenant { get; }

    public long MaxEventsPerPull => _inner.MaxEventsPerPull;

    public TimeSpan MaxPullDuration => _inner.MaxPullDuration;

    public async Task<ConnectivityReport> TestConnectivityAsync(CancellationToken cancellationToken)
    {
        var report = await _inner.TestConnectivityAsync(cancellationToken).ConfigureAwait(false);
        return report with { Source = Descriptor.Name, Facts = [.. TenantFacts(), .. report.Facts] };
    }

    public async Task<SourcePullOutcome> PullAsync(PullRun run, CancellationToken cancellationToken)
    {
        var outcome = await _inner.PullAsync(run, cancellationToken).ConfigureAwait(false);
        return outcome with { Facts = [.. TenantFacts(), .. outcome.Facts] };
    }

    public ValueTask DisposeAsync() => _inner.DisposeAsync();

    private KeyValuePair<string, string>[] TenantFacts() =>
        _tenant.TenantId is null
            ? [new("tenant", $"{_tenant.Name} ({_tenant.Organization})")]
            : [new("tenant", $"{_tenant.Name} ({_tenant.Organization}, {_tenant.TenantId})")];
}
