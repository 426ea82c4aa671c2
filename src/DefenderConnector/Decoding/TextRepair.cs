using System.Buffers.Text;
using System.Text;
using System.Text.Unicode;

namespace DefenderConnector.Decoding;

/// <summary>
/// The one repair rule for message bodies that are JSON but not valid Unicode text, applied before
/// any record is read (live pulls and <c>replay</c> alike):
/// <list type="bullet">
/// <item>a leading UTF-8 byte order mark is dropped;</item>
/// <item>every ill-formed UTF-8 sequence becomes U+FFFD (one per maximal ill-formed subpart, the
/// Unicode standard's recommended practice), so no output line is ever invalid UTF-8;</item>
/// <item>every <c>\uD800</c>–<c>\uDFFF</c> escape that is not half of a high-low surrogate pair
/// becomes <c>\uFFFD</c> (the same six bytes), so no string is unreadable as UTF-16 either.</item>
/// </list>
/// Valid input, the usual case, is checked with two vectorized scans and never copied.
/// </summary>
internal static class TextRepair
{
    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    private static ReadOnlySpan<byte> Replacement => "\\uFFFD"u8;

    /// <summary>Bytes to skip at the start of <paramref name="body"/> (a byte order mark), 0 or 3.</summary>
    public static int PrefixToSkip(ReadOnlySpan<byte> body) => body.StartsWith(ByteOrderMark) ? ByteOrderMark.Length : 0;

    /// <summary>True when <paramref name="body"/> needs <see cref="Repair"/>.</summary>
    public static bool NeedsRepair(ReadOnlySpan<byte> body) => !Utf8.IsValid(body) || FirstLoneSurrogateEscape(body) >= 0;

    /// <summary>The repaired text of <paramref name="body"/> in <paramref name="buffer"/> (grown when needed); returns its length.</summary>
    public static int Repair(ReadOnlySpan<byte> body, ref byte[] buffer)
    {
        int length;
        if (Utf8.IsValid(body))
        {
            Ensure(ref buffer, body.Length);
            body.CopyTo(buffer);
            length = body.Length;
        }
        else
        {
            // The decoder's replacement fallback emits U+FFFD per maximal ill-formed subpart.
            var text = Encoding.UTF8.GetString(body);
            Ensure(ref buffer, Encoding.UTF8.GetMaxByteCount(text.Length));
            length = Encoding.UTF8.GetBytes(text, buffer);
        }

        var span = buffer.AsSpan(0, length);
        for (var at = FirstLoneSurrogateEscape(span); at >= 0; at = NextLoneSurrogateEscape(span, at + 6))
        {
            Replacement.CopyTo(span[at..]);
        }

        return length;
    }

    private static void Ensure(ref byte[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new byte[Math.Max(length, buffer.Length * 2)];
        }
    }

    private static int FirstLoneSurrogateEscape(ReadOnlySpan<byte> text) => NextLoneSurrogateEscape(text, 0);

    /// <summary>
    /// The index of the next <c>\u</c> escape at or after <paramref name="from"/> that is a lone surrogate, or -1.
    /// Escapes are walked from backslash to backslash, so <c>\\ud800</c> (an escaped backslash, then text) is not one.
    /// </summary>
    private static int NextLoneSurrogateEscape(ReadOnlySpan<byte> text, int from)
    {
        var i = from;
        while (i < text.Length)
        {
            var next = text[i..].IndexOf((byte)'\\');
            if (next < 0)
            {
                return -1;
            }

            i += next;
            if (i + 1 >= text.Length)
            {
                return -1;
            }

            if (text[i + 1] != (byte)'u')
            {
                i += 2;
                continue;
            }

            if (!TryHex(text, i + 2, out var unit))
            {
                i += 2;
                continue;
            }

            if (unit is >= 0xD800 and <= 0xDBFF)
            {
                // A high surrogate is fine only when a low surrogate escape follows at once.
                if (i + 11 < text.Length && text[i + 6] == (byte)'\\' && text[i + 7] == (byte)'u'
                    && TryHex(text, i + 8, out var low) && low is >= 0xDC00 and <= 0xDFFF)
                {
                    i += 12;
                    continue;
                }

                return i;
            }

            if (unit is >= 0xDC00 and <= 0xDFFF)
            {
                return i;
            }

            i += 6;
        }

        return -1;
    }

    private static bool TryHex(ReadOnlySpan<byte> text, int at, out int value)
    {
        value = 0;
        return at + 4 <= text.Length && Utf8Parser.TryParse(text.Slice(at, 4), out value, out var consumed, 'X') && consumed == 4;
    }
}
