using System.Text;
using DefenderConnector.Checkpoints;
using DefenderConnector.Pulling;

namespace DefenderConnector.Tests.Fakes;

/// <summary>
/// A reader over a list of Streaming API messages of one partition, in chunks, with scripted failures:
/// it records where each open started and what the engine committed, so tests see the engine's choices.
/// </summary>
internal sealed class ScriptedStreamReader : IStreamReader
{
    public const string Stream = "test-stream";

    private readonly List<SourceMessage> _messages = [];
    private readonly Queue<(int Read, ConnectorException Failure)> _failures = new();
    private readonly ReadChunk _chunk = new();
    private long _committed = -1;
    private int _next;
    private int _reads;

    public ScriptedStreamReader(int chunkSize) => ChunkSize = chunkSize;

    public string Name => "0";

    public int ChunkSize { get; }

    /// <summary>Called before each read (a test moves its clock here).</summary>
    public Action? OnRead { get; init; }

    /// <summary>Tries allowed for a transient failure before the pull fails with it.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>The sequence number each open started after (-1: the beginning).</summary>
    public List<long> Opens { get; } = [];

    public List<long> CommittedSequenceNumbers { get; } = [];

    public int Retries { get; private set; }

    public void Publish(int messages, int recordsPerMessage = 1)
    {
        for (var i = 0; i < messages; i++)
        {
            var sequence = _messages.Count;
            _messages.Add(new SourceMessage(Encoding.UTF8.GetBytes(Body(recordsPerMessage)), Name, sequence, sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero).AddSeconds(sequence)));
        }
    }

    /// <summary>Read number <paramref name="read"/> (1-based, counted over the reader's life) throws <paramref name="failure"/>.</summary>
    public void FailOnRead(int read, ConnectorException failure) => _failures.Enqueue((read, failure));

    public async Task<StreamStart> StartAsync(IStateStore state, CancellationToken cancellationToken)
    {
        _committed = (await state.GetCheckpointAsync(Stream, Name, cancellationToken))?.SequenceNumber ?? -1;
        return _committed + 1 < _messages.Count ? StreamStart.Reading : StreamStart.Nothing;
    }

    public Task OpenAsync(CancellationToken cancellationToken)
    {
        Opens.Add(_committed);
        _next = (int)(_committed + 1);
        return Task.CompletedTask;
    }

    public Task<ReadChunk?> ReadAsync(long maxItems, CancellationToken cancellationToken)
    {
        OnRead?.Invoke();
        _reads++;
        if (_failures.TryPeek(out var failure) && failure.Read == _reads)
        {
            _failures.Dequeue();
            throw failure.Failure;
        }

        _chunk.Clear();
        if (_next >= _messages.Count)
        {
            return Task.FromResult<ReadChunk?>(null);
        }

        while (_chunk.Messages.Count < Math.Min(ChunkSize, maxItems) && _next < _messages.Count)
        {
            _chunk.Messages.Add(_messages[_next++]);
        }

        return Task.FromResult<ReadChunk?>(_chunk);
    }

    public StateCommit? PositionAfter(int index) =>
        index < 0 ? null : StateCommit.For(new Checkpoint(Stream, Name, _chunk.Messages[index].SequenceNumber, _chunk.Messages[index].Offset, DateTimeOffset.UnixEpoch), []);

    public void Committed(int index)
    {
        _committed = _chunk.Messages[index].SequenceNumber;
        CommittedSequenceNumbers.Add(_committed);
    }

    public ValueTask CloseAsync() => ValueTask.CompletedTask;

    public TimeSpan? RetryDelay(ConnectorException failure, int attempt) =>
        failure.IsTransient && attempt <= MaxRetries ? TimeSpan.FromSeconds(attempt) : null;

    public void OnRetry(ConnectorException failure, int attempt, TimeSpan delay) => Retries++;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static string Body(int records) =>
        "{\"records\":[" + string.Join(",", Enumerable.Repeat("{\"time\":\"2026-11-23T08:00:00.1234567Z\",\"tenantId\":\"t-1\",\"category\":\"AdvancedHunting-DeviceProcessEvents\",\"properties\":{\"DeviceName\":\"host-1\"}}", records)) + "]}";
}
