using DefenderConnector.Abstractions;

namespace DefenderConnector.Host.Outputs;

/// <summary>
/// One of the host's outputs behind the plugin's sink seam: <see cref="IEventSink.WriteAsync"/> returns only
/// when the receiver has confirmed the batch (or the output's protocol has done all it can), so the plugin
/// checkpoints nothing the receiver does not hold.
/// </summary>
internal interface IOutput : IEventSink, IAsyncDisposable
{
    /// <summary>The output's kind, as in <c>output.type</c>: file, syslog, relp.</summary>
    string Kind { get; }

    /// <summary>Where events go, for people: a path or <c>tls://host:port</c>. Never holds a secret.</summary>
    string Destination { get; }

    /// <summary>Events this output set aside instead of delivering (too large for the receiver), since start.</summary>
    long DeadLettered { get; }

    /// <summary>Checks each hop to the receiver without delivering an event.</summary>
    Task<ConnectivityReport> ProbeAsync(CancellationToken cancellationToken);
}
