using System.Text;

namespace DefenderConnector.Host.Outputs.Relp;

/// <summary>Reads RELP frames from the receiver's side of the connection, checking the framing strictly.</summary>
internal sealed class RelpFrameReader(Stream stream)
{
    private const int MaxResponseBytes = 128 * 1024;
    private readonly byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    /// <summary>The next frame, or null when the receiver closed the connection between frames.</summary>
    public async Task<RelpFrame?> ReadAsync(CancellationToken cancellationToken)
    {
        var txnrText = await ReadTokenAsync(' ', 9, allowEndOfStream: true, cancellationToken).ConfigureAwait(false);
        if (txnrText is null)
        {
            return null;
        }

        var command = await ReadTokenAsync(' ', 32, allowEndOfStream: false, cancellationToken).ConfigureAwait(false);
        var lengthAndSeparator = await ReadLengthAsync(cancellationToken).ConfigureAwait(false);
        var data = new byte[lengthAndSeparator];
        for (var filled = 0; filled < data.Length;)
        {
            if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new IOException("the receiver closed the connection inside a RELP frame");
            }

            var take = Math.Min(data.Length - filled, _end - _start);
            _buffer.AsSpan(_start, take).CopyTo(data.AsSpan(filled));
            _start += take;
            filled += take;
        }

        if (data.Length > 0 && await ReadByteAsync(cancellationToken).ConfigureAwait(false) != '\n')
        {
            throw new IOException("a RELP frame from the receiver does not end with LF");
        }

        if (!int.TryParse(txnrText, out var txnr))
        {
            throw new IOException($"a RELP frame from the receiver has no transaction number ('{txnrText}')");
        }

        return new RelpFrame(txnr, command!, data);
    }

    /// <summary>DATALEN, then either SP (data follows) or LF (no data, DATALEN must be 0).</summary>
    private async Task<int> ReadLengthAsync(CancellationToken cancellationToken)
    {
        var length = 0;
        for (var digits = 0; ; digits++)
        {
            var b = await ReadByteAsync(cancellationToken).ConfigureAwait(false);
            if (b is >= (byte)'0' and <= (byte)'9' && digits < 9)
            {
                length = length * 10 + (b - '0');
                continue;
            }

            if (digits > 0 && (b == ' ' || (b == '\n' && length == 0)) && length <= MaxResponseBytes)
            {
                return length;
            }

            throw new IOException("a RELP frame from the receiver has a malformed DATALEN");
        }
    }

    private async Task<string?> ReadTokenAsync(char separator, int maxLength, bool allowEndOfStream, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        while (true)
        {
            if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                if (allowEndOfStream && text.Length == 0)
                {
                    return null;
                }

                throw new IOException("the receiver closed the connection inside a RELP frame");
            }

            var b = _buffer[_start++];
            if (b == separator && text.Length > 0)
            {
                return text.ToString();
            }

            if (b < 33 || b > 126 || text.Length >= maxLength)
            {
                throw new IOException("a RELP frame from the receiver has a malformed header");
            }

            text.Append((char)b);
        }
    }

    private async Task<byte> ReadByteAsync(CancellationToken cancellationToken)
    {
        if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new IOException("the receiver closed the connection inside a RELP frame");
        }

        return _buffer[_start++];
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        _start = 0;
        _end = await stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
        return _end > 0;
    }
}
