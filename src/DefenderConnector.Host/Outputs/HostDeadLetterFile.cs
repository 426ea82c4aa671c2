using System.Text;
using System.Text.Json;

namespace DefenderConnector.Host.Outputs;

/// <summary>
/// Where an output sets aside an event its receiver cannot take (today: larger than the receiver's maximum
/// message size). One JSON line per event: time, output, reason, detail, source, format and the event itself,
/// flushed to disk before the batch is confirmed, so nothing leaves the connector unrecorded. The plugin's
/// dead-letter store belongs to the plugin; the host keeps its own beside the output (<c>output.deadLetterPath</c>).
/// </summary>
internal sealed class HostDeadLetterFile(string path, TimeProvider time) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private FileStream? _stream;
    private long _count;

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public long Count => Interlocked.Read(ref _count);

    public async ValueTask AppendAsync(IReadOnlyList<HostDeadLetter> letters, CancellationToken cancellationToken)
    {
        if (letters.Count == 0)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_stream is null)
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
                _stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read, 1 << 16, FileOptions.Asynchronous);
            }

            using var buffer = new MemoryStream();
            foreach (var letter in letters)
            {
                using (var writer = new Utf8JsonWriter(buffer))
                {
                    writer.WriteStartObject();
                    writer.WriteString("time", time.GetUtcNow());
                    writer.WriteString("output", letter.Output);
                    writer.WriteString("reason", letter.Reason);
                    writer.WriteString("detail", letter.Detail);
                    writer.WriteString("source", letter.Source);
                    writer.WriteString("format", letter.Format);
                    writer.WriteString("event", Encoding.UTF8.GetString(letter.Event.Span));
                    writer.WriteEndObject();
                }

                buffer.WriteByte((byte)'\n');
            }

            await _stream.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), CancellationToken.None).ConfigureAwait(false);
            await _stream.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            _stream.Flush(flushToDisk: true);
            Interlocked.Add(ref _count, letters.Count);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stream is not null)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }

        _gate.Dispose();
    }
}
