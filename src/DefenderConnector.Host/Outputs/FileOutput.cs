using DefenderConnector.Abstractions;
using DefenderConnector.Host.Sinks;

namespace DefenderConnector.Host.Outputs;

/// <summary>The JSON-lines file (<c>output.type</c> file, the default) as an output: the file sink, plus a probe of its folder.</summary>
internal sealed class FileOutput(FileEventSink sink) : IOutput
{
    public FileEventSink Sink { get; } = sink;

    public string Kind => "file";

    public string Destination => Sink.Path;

    public long DeadLettered => 0;

    public ValueTask WriteAsync(EventBatch batch, CancellationToken cancellationToken) => Sink.WriteAsync(batch, cancellationToken);

    public Task<ConnectivityReport> ProbeAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new ConnectivityReport(
            "output file",
            "Writable",
            $"Events are appended to {Sink.Path}.",
            [new ConnectivityHop("open", HopVerdict.Passed, $"{Sink.Path} is open for appending")],
            []));

    public ValueTask DisposeAsync() => Sink.DisposeAsync();
}
