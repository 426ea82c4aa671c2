using DefenderConnector.Abstractions;

namespace DefenderConnector.Tenants;

/// <summary>
/// The host's metrics as one tenant's source reports them: every <c>source</c> tag becomes the tenant's source
/// name (<c>contoso/eventhub</c>), so readers that tag their own metrics with their kind (<c>eventhub</c>,
/// <c>graph</c>) report per tenant, and the tag's values stay bounded by the configured tenants.
/// </summary>
internal sealed class TenantMetrics : IConnectorMetrics
{
    private readonly IConnectorMetrics _inner;
    private readonly string _source;

    public TenantMetrics(IConnectorMetrics inner, string source)
    {
        _inner = inner;
        _source = source;
    }

    public void Add(string name, long value, params KeyValuePair<string, string>[] tags) => _inner.Add(name, value, Retag(tags));

    public void Record(string name, double value, params KeyValuePair<string, string>[] tags) => _inner.Record(name, value, Retag(tags));

    private KeyValuePair<string, string>[] Retag(KeyValuePair<string, string>[] tags)
    {
        var index = Array.FindIndex(tags, t => t.Key == "source");
        if (index < 0 || tags[index].Value == _source)
        {
            return tags;
        }

        // Copied: callers may keep their tag arrays between calls.
        var copy = (KeyValuePair<string, string>[])tags.Clone();
        copy[index] = new("source", _source);
        return copy;
    }
}
