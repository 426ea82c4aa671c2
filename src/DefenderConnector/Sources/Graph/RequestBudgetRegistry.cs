using System.Collections.Concurrent;

namespace DefenderConnector.Sources.Graph;

/// <summary>
/// The request budgets of the process, keyed by (tenant, client id, API): every source instance using
/// the same app registration in the same tenant draws from one bucket, as Microsoft counts them.
/// </summary>
internal sealed class RequestBudgetRegistry
{
    private readonly ConcurrentDictionary<(string Tenant, string Client, ApiMode Api), RequestBudget> _budgets = new();

    /// <summary>
    /// The process-wide registry. Shared on purpose: two connector instances (or the plugin loaded
    /// twice) with the same app must not each spend the full 150 requests a minute. Tests make their own.
    /// </summary>
    public static RequestBudgetRegistry Shared { get; } = new();

    public RequestBudget For(string tenant, string client, ApiMode api, RequestBudgetLimits limits, TimeProvider time)
    {
        var (perMinute, perHour) = limits.For(api);
        return _budgets.GetOrAdd((tenant.ToLowerInvariant(), client.ToLowerInvariant(), api), _ => new RequestBudget(perMinute, perHour, time));
    }
}
