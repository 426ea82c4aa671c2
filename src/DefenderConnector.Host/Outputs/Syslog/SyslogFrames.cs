using System.Buffers;
using System.Buffers.Text;
using DefenderConnector.Abstractions;

namespace DefenderConnector.Host.Outputs.Syslog;

/// <summary>
/// Frames a batch for the wire: each event becomes one RFC 5424 message, octet-counted as RFC 6587 §3.4.1
/// (<c>LENGTH SP MESSAGE</c>), so events of any length and content travel whole. An event whose message would
/// exceed the maximum is not truncated: it is returned as a dead letter instead.
/// </summary>
internal static class SyslogFrames
{
    public static (ArrayBufferWriter<byte> Wire, List<HostDeadLetter> Rejected) Build(EventBatch batch, byte[] header, int maxMessageBytes, string output, bool octetCounted)
    {
        var total = 0;
        foreach (var item in batch.Events)
        {
            total += item.Length + header.Length + 12;
        }

        var wire = new ArrayBufferWriter<byte>(Math.Max(total, 256));
        var rejected = new List<HostDeadLetter>();
        foreach (var item in batch.Events)
        {
            var length = header.Length + item.Length;
            if (length > maxMessageBytes)
            {
                rejected.Add(new HostDeadLetter(output, "too_large", $"the syslog message would be {length} bytes, over maxMessageBytes {maxMessageBytes}", batch.Source, batch.Format, item));
                continue;
            }

            if (octetCounted)
            {
                var span = wire.GetSpan(11);
                Utf8Formatter.TryFormat(length, span, out var written);
                span[written++] = (byte)' ';
                wire.Advance(written);
            }

            wire.Write(header);
            wire.Write(item.Span);
        }

        return (wire, rejected);
    }
}
