using System.Buffers.Text;
using System.Text;

namespace DefenderConnector.Host.Outputs.Relp;

/// <summary>
/// Reads RELP frames from the receiver's side of the connection, checking the framing strictly. Frames are
/// parsed straight from the receive buffer; the stream is read only when a frame is incomplete, so a burst of
/// acknowledgements costs one read, not one per frame.
/// </summary>
internal sealed class RelpFrameReader(Stream stream)
{
    private const int MaxResponseBytes = 128 * 1024;
    private byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    /// <summary>The next frame, or null when the receiver closed the connection between frames.</summary>
    public async Task<RelpFrame?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var frame = TryParse(_buffer.AsSpan(_start, _end - _start), out var consumed);
            if (frame is not null)
            {
                _start += consumed;
                return frame;
            }

            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return _end == 0 ? null : throw new IOException("the receiver closed the connection inside a RELP frame");
            }

            _end += read;
        }
    }

    /// <summary>A whole frame at the start of <paramref name="bytes"/>, or null when more bytes are needed; throws when malformed.</summary>
    private static RelpFrame? TryParse(ReadOnlySpan<byte> bytes, out int consumed)
    {
        consumed = 0;
        var position = 0;
        if (!TryToken(bytes, ref position, 9, digitsOnly: true, out var txnrBytes)
            || !TryToken(bytes, ref position, 32, digitsOnly: false, out var commandBytes))
        {
            return null;
        }

        var length = 0;
        var digits = 0;
        while (true)
        {
            if (position >= bytes.Length)
            {
                return null;
            }

            var b = bytes[position++];
            if (b is >= (byte)'0' and <= (byte)'9' && digits < 9)
            {
                length = length * 10 + (b - '0');
                digits++;
                continue;
            }

            if (digits > 0 && b == (byte)'\n' && length == 0)
            {
                consumed = position;
                return new RelpFrame(Txnr(txnrBytes), Encoding.ASCII.GetString(commandBytes), []);
            }

            if (digits > 0 && b == (byte)' ' && length <= MaxResponseBytes)
            {
                break;
            }

            throw new IOException("a RELP frame from the receiver has a malformed DATALEN");
        }

        if (bytes.Length < position + length + 1)
        {
            return null;
        }

        if (bytes[position + length] != (byte)'\n')
        {
            throw new IOException("a RELP frame from the receiver does not end with LF");
        }

        consumed = position + length + 1;
        return new RelpFrame(Txnr(txnrBytes), Encoding.ASCII.GetString(commandBytes), bytes.Slice(position, length).ToArray());
    }

    private static int Txnr(ReadOnlySpan<byte> digits) =>
        Utf8Parser.TryParse(digits, out int value, out var used) && used == digits.Length ? value : throw new IOException("a RELP frame from the receiver has no transaction number");

    private static bool TryToken(ReadOnlySpan<byte> bytes, ref int position, int maxLength, bool digitsOnly, out ReadOnlySpan<byte> token)
    {
        token = default;
        var rest = bytes[position..];
        var space = rest[..Math.Min(rest.Length, maxLength + 1)].IndexOf((byte)' ');
        var scanned = space < 0 ? rest[..Math.Min(rest.Length, maxLength + 1)] : rest[..space];
        foreach (var b in scanned)
        {
            if (digitsOnly ? b is < (byte)'0' or > (byte)'9' : b is < 33 or > 126)
            {
                throw new IOException("a RELP frame from the receiver has a malformed header");
            }
        }

        if (space < 0)
        {
            return rest.Length <= maxLength ? false : throw new IOException("a RELP frame from the receiver has a malformed header");
        }

        if (space == 0)
        {
            throw new IOException("a RELP frame from the receiver has a malformed header");
        }

        token = rest[..space];
        position += space + 1;
        return true;
    }
}
