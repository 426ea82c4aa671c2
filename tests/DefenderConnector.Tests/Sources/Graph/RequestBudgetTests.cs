using DefenderConnector.Sources.Graph;

namespace DefenderConnector.Tests.Sources.Graph;

public sealed class RequestBudgetTests
{
    [Fact]
    public async Task The_151st_graph_request_in_a_minute_waits_for_a_token()
    {
        var clock = new RecordingTimeProvider(DateTimeOffset.UnixEpoch);
        var budget = new RequestBudget(150, 0, clock);
        for (var i = 0; i < 150; i++)
        {
            await budget.AcquireAsync(CancellationToken.None);
        }

        Assert.Empty(clock.Waits);
        await budget.AcquireAsync(CancellationToken.None);
        Assert.Equal(TimeSpan.FromMinutes(1) / 150, Assert.Single(clock.Waits));
        Assert.Equal(151, budget.Granted);
    }

    [Fact]
    public async Task The_hourly_limit_binds_when_the_minute_one_does_not()
    {
        var clock = new RecordingTimeProvider(DateTimeOffset.UnixEpoch);
        var budget = new RequestBudget(50, 10, clock);
        for (var i = 0; i < 10; i++)
        {
            await budget.AcquireAsync(CancellationToken.None);
            clock.Advance(TimeSpan.FromSeconds(1)); // far under 50 a minute
        }

        Assert.Empty(clock.Waits);
        await budget.AcquireAsync(CancellationToken.None);

        // One hourly token takes 6 minutes to come back; 10 s of it had already passed.
        var wait = Assert.Single(clock.Waits);
        Assert.InRange(wait, TimeSpan.FromMinutes(5.8), TimeSpan.FromMinutes(6));
    }

    [Fact]
    public async Task A_pause_holds_every_caller_back()
    {
        var clock = new RecordingTimeProvider(DateTimeOffset.UnixEpoch);
        var budget = new RequestBudget(150, 0, clock);
        budget.Pause(TimeSpan.FromSeconds(20));
        await budget.AcquireAsync(CancellationToken.None);
        Assert.Equal([TimeSpan.FromSeconds(20)], clock.Waits);
    }

    [Fact]
    public void The_registry_shares_one_budget_per_tenant_app_and_api()
    {
        var registry = new RequestBudgetRegistry();
        var limits = RequestBudgetLimits.Default;
        var a = registry.For("T", "C", ApiMode.Graph, limits, TimeProvider.System);
        Assert.Same(a, registry.For("t", "c", ApiMode.Graph, limits, TimeProvider.System));
        Assert.NotSame(a, registry.For("t", "c", ApiMode.M365d, limits, TimeProvider.System));
        Assert.NotSame(a, registry.For("t", "other", ApiMode.Graph, limits, TimeProvider.System));
    }
}
