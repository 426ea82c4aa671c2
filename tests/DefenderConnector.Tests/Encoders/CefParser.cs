using System.Text;

namespace DefenderConnector.Tests.Encoders;

/// <summary>
/// A strict CEF reader for the tests, written from the rev. 25 rules and independent of the
/// encoder: seven pipe-separated header fields (<c>\|</c> and <c>\\</c> escaped), then key=value
/// pairs where every unescaped <c>=</c> ends a key and the key starts after the last space.
/// </summary>
internal static class CefParser
{
    public static CefMessage Parse(string line)
    {
        if (!line.StartsWith("CEF:", StringComparison.Ordinal))
        {
            throw new FormatException("A CEF line starts with CEF:.");
        }

        var header = new List<string>();
        var field = new StringBuilder();
        var i = 4;
        for (; i < line.Length && header.Count < 7; i++)
        {
            var c = line[i];
            if (c == '\\' && i + 1 < line.Length && line[i + 1] is '\\' or '|')
            {
                field.Append(line[++i]);
            }
            else if (c == '\\')
            {
                throw new FormatException($"Unescaped backslash in the header at {i}.");
            }
            else if (c == '|')
            {
                header.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (header.Count != 7)
        {
            throw new FormatException($"The header has {header.Count} fields, not 7.");
        }

        return new CefMessage(header, ParseExtension(line[i..]));
    }

    private static List<KeyValuePair<string, string>> ParseExtension(string text)
    {
        var separators = new List<int>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '=')
            {
                separators.Add(i);
            }
        }

        var pairs = new List<KeyValuePair<string, string>>();
        for (var s = 0; s < separators.Count; s++)
        {
            var equals = separators[s];
            var keyStart = text.LastIndexOf(' ', equals) + 1;
            var valueEnd = s + 1 < separators.Count ? text.LastIndexOf(' ', separators[s + 1]) : text.Length;
            var key = text[keyStart..equals];
            if (key.Length == 0 || !key.All(char.IsAsciiLetterOrDigit))
            {
                throw new FormatException($"Bad extension key '{key}'.");
            }

            pairs.Add(new(key, Unescape(text[(equals + 1)..valueEnd])));
        }

        return pairs;
    }

    private static string Unescape(string value)
    {
        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '\\')
            {
                builder.Append(value[i]);
                continue;
            }

            builder.Append(++i < value.Length ? value[i] switch
            {
                'n' => '\n',
                'r' => '\r',
                '\\' or '=' => value[i],
                var other => throw new FormatException($"Unknown escape \\{other}."),
            } : throw new FormatException("Trailing backslash."));
        }

        return builder.ToString();
    }
}
