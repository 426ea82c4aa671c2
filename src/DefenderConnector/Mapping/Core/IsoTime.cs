using System.Text;

namespace DefenderConnector.Mapping;

/// <summary>
/// Parses the ISO-8601 timestamps Defender writes (<c>2024-05-02T10:11:12.1234567Z</c>, with 0 to 9
/// fractional digits, a <c>T</c> or a space, <c>Z</c>, an offset or nothing, which means UTC) straight
/// from UTF-8 into Unix milliseconds. Anything else goes through <see cref="DefenderTime"/>.
/// </summary>
internal static class IsoTime
{
    public static bool TryParse(ReadOnlySpan<byte> text, out long milliseconds)
    {
        if (TryParseFast(text, out milliseconds))
        {
            return true;
        }

        if (text.Length is 0 or > 64 || !DefenderTime.TryParse(Encoding.UTF8.GetString(text), out var parsed))
        {
            return false;
        }

        milliseconds = parsed.ToUnixTimeMilliseconds();
        return true;
    }

    /// <summary>
    /// Exactly <see cref="DefenderTime.TryParse"/> as Unix milliseconds (the envelope <c>time</c>), without
    /// its string parsing: only text that both parsers read the same way (0 to 7 fractional digits, an
    /// offset within 14 hours, a year away from the DateTimeOffset limits) takes the fast path.
    /// </summary>
    public static bool TryParseAsDefenderTime(EnvelopeText text, out long milliseconds)
    {
        if (text.Text is null && TryParseFast(text.Utf8, out milliseconds, strict: true))
        {
            return true;
        }

        milliseconds = 0;
        if (!DefenderTime.TryParse(text.AsString(), out var parsed))
        {
            return false;
        }

        milliseconds = parsed.ToUnixTimeMilliseconds();
        return true;
    }

    private static bool TryParseFast(ReadOnlySpan<byte> s, out long milliseconds, bool strict = false)
    {
        milliseconds = 0;
        if (s.Length < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':'
            || !Digits(s[..4], out var year) || !Digits(s.Slice(5, 2), out var month) || !Digits(s.Slice(8, 2), out var day)
            || !Digits(s.Slice(11, 2), out var hour) || !Digits(s.Slice(14, 2), out var minute) || !Digits(s.Slice(17, 2), out var second)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var i = 19;
        var fraction = 0;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            var digits = 0;
            while (i < s.Length && s[i] >= '0' && s[i] <= '9')
            {
                if (digits < 3)
                {
                    fraction = (fraction * 10) + (s[i] - '0');
                }

                digits++;
                i++;
            }

            if (digits == 0 || (strict && digits > 7))
            {
                return false;
            }

            for (; digits < 3; digits++)
            {
                fraction *= 10;
            }
        }

        var offsetMinutes = 0;
        if (i < s.Length)
        {
            if (s[i] == 'Z' && i == s.Length - 1)
            {
                i++;
            }
            else if ((s[i] == '+' || s[i] == '-') && s.Length - i == 6 && s[i + 3] == ':'
                && Digits(s.Slice(i + 1, 2), out var oh) && Digits(s.Slice(i + 4, 2), out var om))
            {
                if (strict && ((oh * 60) + om > 14 * 60 || om > 59))
                {
                    return false;
                }

                offsetMinutes = ((oh * 60) + om) * (s[i] == '-' ? -1 : 1);
                i = s.Length;
            }
            else
            {
                return false;
            }
        }

        if (strict && year is < 2 or > 9998)
        {
            return false;
        }

        var days = new DateOnly(year, month, day).DayNumber - DateOnly.FromDayNumber(719162).DayNumber;
        milliseconds = (((((days * 24L) + hour) * 60) + minute - offsetMinutes) * 60 + second) * 1000 + fraction;
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> s, out int value)
    {
        value = 0;
        foreach (var b in s)
        {
            if (b < '0' || b > '9')
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }
}
