using Microsoft.Extensions.Logging;

namespace DefenderConnector.Abstractions;

/// <summary>What the host lends the connector.</summary>
public sealed class ConnectorContext
{
    /// <summary>Creates a context.</summary>
    public ConnectorContext(IEventSink sink, ILoggerFactory loggerFactory, TimeProvider timeProvider, IConnectorMetrics? metrics = null)
    {
        Sink = sink ?? throw new ArgumentNullException(nameof(sink));
        LoggerFactory = loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory));
        TimeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        Metrics = metrics ?? NullConnectorMetrics.Instance;
    }

    /// <summary>The host's event sink.</summary>
    public IEventSink Sink { get; }

    /// <summary>The host's loggers.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>The clock; tests pass a fake one.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The host's metrics.</summary>
    public IConnectorMetrics Metrics { get; }
}
