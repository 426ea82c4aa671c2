using System.Runtime.ExceptionServices;
using DefenderConnector.Abstractions;
using DefenderConnector.Decoding;
using DefenderConnector.Encoders;
using DefenderConnector.Mapping;
using DefenderConnector.Pulling;

namespace DefenderConnector.Replay;

/// <summary>
/// Maps a saved file offline through the pull engine: the file is read by <see cref="ReplayFileReader"/>, and
/// <see cref="PullRun"/> decodes, maps, encodes and batches it exactly as a pull, into a sink that writes one event
/// per output line (<see cref="ReplayOutputSink"/>) and a state store that keeps only dead letters, by input line
/// (<see cref="ReplayDeadLetterStore"/>). Bad values are dead-lettered with their line and the replay goes on.
/// Single use.
/// </summary>
internal sealed class ReplayEngine
{
    private const string SourceName = "replay";

    private readonly OcsfMapper _mapper;
    private readonly IEventEncoder _encoder;
    private readonly string _inputName;

    public ReplayEngine(OcsfMapper mapper, IEventEncoder encoder, string inputName)
    {
        _mapper = mapper;
        _encoder = encoder;
        _inputName = inputName;
    }

    public async Task<ReplaySummary> RunAsync(Stream input, Stream output, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await input.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        // The file is repaired by the same rule as a live body (TextRepair) before anything reads its strings,
        // so a replay and a pull of the same bytes write the same events.
        var data = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (TextRepair.NeedsRepair(data.Span))
        {
            var repaired = Array.Empty<byte>();
            var length = TextRepair.Repair(data.Span, ref repaired);
            data = repaired.AsMemory(0, length);
        }

        var file = ReplayInput.Read(data);
        if (file.Problem is not null)
        {
            return Unreadable(file.Problem);
        }

        var reader = new ReplayFileReader(file, _inputName);
        if (reader.NothingToRead)
        {
            return Unreadable(file.NoValueProblem());
        }

        var sink = new ReplayOutputSink(output);
        var deadLetters = new ReplayDeadLetterStore(reader.LineOf);
        var statistics = new PullStatistics();
        var pipeline = new EventPipeline(SourceName, sink, deadLetters, _mapper, _encoder, statistics, TimeProvider.System, NullConnectorMetrics.Instance)
        {
            MessageRecordOrigin = ReplayFileReader.RecordOrigin,
        };

        // A file has no event or time budget: it is replayed whole.
        var run = new PullRun(pipeline, new PullBudget(long.MaxValue, TimeSpan.MaxValue, TimeProvider.System));
        try
        {
            await run.ReadAsync(reader, _inputName, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException e) when (e.Failure == ConnectorFailure.Sink && e.InnerException is not null)
        {
            // The output stream failed: the caller sees its own stream's exception, as from any write.
            ExceptionDispatchInfo.Throw(e.InnerException);
        }

        await sink.FlushAsync(cancellationToken).ConfigureAwait(false);
        return new ReplaySummary
        {
            EventsWritten = statistics.EventsDelivered,
            EventsByClass = new Dictionary<int, long>(statistics.EventsByClass),
            EventsByTable = new Dictionary<string, long>(statistics.EventsByTable, StringComparer.Ordinal),
            UnknownTables = new Dictionary<string, long>(statistics.UnknownTables, StringComparer.Ordinal),
            UndocumentedActionTypes = new Dictionary<string, long>(statistics.UndocumentedActionTypes, StringComparer.Ordinal),
            DeadLetters = deadLetters.DeadLetters,
        };
    }

    private static ReplaySummary Unreadable(string problem) => new() { InputUnreadable = true, InputProblem = problem };
}
