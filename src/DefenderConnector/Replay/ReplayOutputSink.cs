using System.Buffers;
using DefenderConnector.Abstractions;

namespace DefenderConnector.Replay;

/// <summary>The sink of a replay: every event on its own line of the output stream, written in large pieces.</summary>
internal sealed class ReplayOutputSink : IEventSink
{
    private const int FlushThreshold = 256 * 1024;

    private readonly Stream _output;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushThreshold + (64 * 1024));

    public ReplayOutputSink(Stream output) => _output = output;

    public async ValueTask WriteAsync(EventBatch batch, CancellationToken cancellationToken)
    {
        foreach (var item in batch.Events)
        {
            _buffer.Write(item.Span);
            _buffer.Write("\n"u8);
            if (_buffer.WrittenCount >= FlushThreshold)
            {
                await _output.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
                _buffer.ResetWrittenCount();
            }
        }
    }

    /// <summary>Writes what is buffered and flushes the stream (at the end of the replay).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _output.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        _buffer.ResetWrittenCount();
        await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
