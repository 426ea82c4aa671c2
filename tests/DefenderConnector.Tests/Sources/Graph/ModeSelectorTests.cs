using DefenderConnector.Pulling;
using DefenderConnector.Sources.Graph;

namespace DefenderConnector.Tests.Sources.Graph;

public sealed class ModeSelectorTests
{
    private static GraphSourceOptions Options(ModeSetting mode, GraphCloud cloud = GraphCloud.Global) => new()
    {
        TenantId = "t",
        ClientId = "c",
        Cloud = cloud,
        Endpoints = CloudEndpoints.For(cloud, "us"),
        Mode = mode,
        CircuitFailures = 3,
        PrimaryProbeInterval = TimeSpan.FromMinutes(30),
    };

    private static ConnectorException Failure(GraphFailureReason reason, bool transient = false) => new(reason, transient, reason.ToString());

    [Fact]
    public void A_capability_failure_falls_back_at_once_and_the_primary_is_probed_after_the_interval()
    {
        var clock = new RecordingTimeProvider(DateTimeOffset.UnixEpoch);
        var selector = new ModeSelector(Options(ModeSetting.Auto), clock);
        Assert.Equal(ApiMode.Graph, selector.Current);

        Assert.Equal(ApiMode.M365d, selector.Failed(Failure(GraphFailureReason.MissingPermission)));
        Assert.StartsWith("MissingPermission", selector.FallbackReason, StringComparison.Ordinal);
        Assert.False(selector.PrimaryProbeDue);
        clock.Advance(TimeSpan.FromMinutes(30));
        Assert.True(selector.PrimaryProbeDue);
        selector.PrimaryRecovered();
        Assert.Equal(ApiMode.Graph, selector.Current);
        Assert.Null(selector.FallbackReason);
    }

    [Fact]
    public void Transient_failures_open_the_circuit_only_after_the_threshold()
    {
        var selector = new ModeSelector(Options(ModeSetting.Auto), TimeProvider.System);
        Assert.Null(selector.Failed(Failure(GraphFailureReason.ServiceError, true)));
        Assert.Null(selector.Failed(Failure(GraphFailureReason.ServiceError, true)));
        Assert.Equal(ApiMode.M365d, selector.Failed(Failure(GraphFailureReason.ServiceError, true)));
    }

    [Fact]
    public void A_success_resets_the_failure_count()
    {
        var selector = new ModeSelector(Options(ModeSetting.Auto), TimeProvider.System);
        selector.Failed(Failure(GraphFailureReason.ServiceError, true));
        selector.Failed(Failure(GraphFailureReason.ServiceError, true));
        selector.Succeeded();
        Assert.Null(selector.Failed(Failure(GraphFailureReason.ServiceError, true)));
    }

    [Fact]
    public void Authentication_failures_never_fall_back()
    {
        var selector = new ModeSelector(Options(ModeSetting.Auto), TimeProvider.System);
        Assert.Null(selector.Failed(Failure(GraphFailureReason.InvalidSecret)));
        Assert.Equal(ApiMode.Graph, selector.Current);
    }

    [Fact]
    public void A_pinned_mode_never_moves()
    {
        var selector = new ModeSelector(Options(new ModeSetting(ApiMode.Mde)), TimeProvider.System);
        Assert.Equal(ApiMode.Mde, selector.Current);
        Assert.Null(selector.Failed(Failure(GraphFailureReason.MissingPermission)));
        Assert.Equal([ApiMode.Mde], selector.ChainOrder);
    }

    [Fact]
    public void The_chain_walks_every_legacy_api_in_order()
    {
        var selector = new ModeSelector(Options(ModeSetting.Auto), TimeProvider.System);
        Assert.Equal([ApiMode.Graph, ApiMode.M365d, ApiMode.Mde, ApiMode.Siem], selector.ChainOrder);
        Assert.Equal(ApiMode.M365d, selector.Failed(Failure(GraphFailureReason.MissingPermission)));
        Assert.Equal(ApiMode.Mde, selector.Failed(Failure(GraphFailureReason.NotFound)));
        Assert.Equal(ApiMode.Siem, selector.Failed(Failure(GraphFailureReason.Unauthorized)));
        Assert.Null(selector.Failed(Failure(GraphFailureReason.NotFound)));
    }
}
