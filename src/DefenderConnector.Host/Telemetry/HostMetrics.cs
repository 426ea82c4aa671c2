using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using DefenderConnector.Abstractions;

namespace DefenderConnector.Host.Telemetry;

/// <summary>
/// The host's <see cref="IConnectorMetrics"/>: one <see cref="Meter"/> named <see cref="MeterName"/>, an
/// instrument per name in <see cref="MetricCatalog"/> (a name outside it is a counter or a gauge, so nothing
/// a newer plugin reports is dropped). Gauges keep the last value per tag set and are read when exported.
/// Observers (health, progress) see every measurement; the plugin reports once per batch, not per record.
/// </summary>
internal sealed class HostMetrics : IConnectorMetrics, IDisposable
{
    public const string MeterName = "DefenderConnector";

    private readonly Meter _meter;
    private readonly ConcurrentDictionary<string, Counter<long>> _counters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Histogram<double>> _histograms = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<TagSet, double>> _gauges = new(StringComparer.Ordinal);
    private readonly List<IMetricObserver> _observers = [];

    public HostMetrics()
    {
        _meter = new Meter(MeterName, typeof(HostMetrics).Assembly.GetName().Version?.ToString());
    }

    public void AddObserver(IMetricObserver observer)
    {
        lock (_observers)
        {
            _observers.Add(observer);
        }
    }

    public void Add(string name, long value, params KeyValuePair<string, string>[] tags)
    {
        var counter = _counters.GetOrAdd(name, n => _meter.CreateCounter<long>(n, Unit(n), Description(n)));
        counter.Add(value, Tags(tags));
        Notify(name, value, tags);
    }

    public void Record(string name, double value, params KeyValuePair<string, string>[] tags)
    {
        if (MetricCatalog.Known.TryGetValue(name, out var known) && known.Kind == MetricKind.Histogram)
        {
            _histograms.GetOrAdd(name, n => _meter.CreateHistogram<double>(n, Unit(n), Description(n))).Record(value, Tags(tags));
        }
        else
        {
            var values = _gauges.GetOrAdd(name, n =>
            {
                var created = new ConcurrentDictionary<TagSet, double>();
                _meter.CreateObservableGauge(n, () => Read(created), Unit(n), Description(n));
                return created;
            });
            values[new TagSet([.. tags])] = value;
        }

        Notify(name, value, tags);
    }

    /// <summary>The last value of a gauge for exactly these tags, if one was recorded.</summary>
    public double? Gauge(string name, params KeyValuePair<string, string>[] tags) =>
        _gauges.TryGetValue(name, out var values) && values.TryGetValue(new TagSet(tags), out var value) ? value : null;

    public void Dispose() => _meter.Dispose();

    private static IEnumerable<Measurement<double>> Read(ConcurrentDictionary<TagSet, double> values) =>
        values.Select(v => new Measurement<double>(v.Value, Tags(v.Key.Tags)));

    private static KeyValuePair<string, object?>[] Tags(KeyValuePair<string, string>[] tags)
    {
        var converted = new KeyValuePair<string, object?>[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            converted[i] = new(tags[i].Key, tags[i].Value);
        }

        return converted;
    }

    private static string? Unit(string name) => MetricCatalog.Known.TryGetValue(name, out var known) ? known.Unit : null;

    private static string? Description(string name) => MetricCatalog.Known.TryGetValue(name, out var known) ? known.Description : null;

    private void Notify(string name, double value, KeyValuePair<string, string>[] tags)
    {
        IMetricObserver[] observers;
        lock (_observers)
        {
            if (_observers.Count == 0)
            {
                return;
            }

            observers = [.. _observers];
        }

        foreach (var observer in observers)
        {
            observer.Observe(name, value, tags);
        }
    }
}
