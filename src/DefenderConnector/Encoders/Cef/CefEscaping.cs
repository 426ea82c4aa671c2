using System.Text;

namespace DefenderConnector.Encoders.Cef;

/// <summary>
/// CEF rev. 25 escaping. Header fields escape <c>\</c> and <c>|</c> and may not span lines, so line
/// breaks become spaces. Extension values escape <c>\</c> and <c>=</c> and encode line breaks as
/// <c>\n</c> / <c>\r</c>; pipes stay literal there. Other C0 control characters have no CEF escape
/// and would break syslog framing or parsers, so they become spaces in both places.
/// </summary>
internal static class CefEscaping
{
    public static void AppendHeader(StringBuilder builder, ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': builder.Append(@"\\"); break;
                case '|': builder.Append(@"\|"); break;
                case '\t': builder.Append('\t'); break;
                case < ' ' or '\u007f': builder.Append(' '); break;
                default: builder.Append(c); break;
            }
        }
    }

    public static void AppendExtensionValue(StringBuilder builder, ReadOnlySpan<char> value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\': builder.Append(@"\\"); break;
                case '=': builder.Append(@"\="); break;
                case '\r' when i + 1 < value.Length && value[i + 1] == '\n':
                    // A Windows line break is one line break for the reader.
                    builder.Append(@"\n");
                    i++;
                    break;
                case '\n': builder.Append(@"\n"); break;
                case '\r': builder.Append(@"\r"); break;
                case '\t': builder.Append('\t'); break;
                case < ' ' or '\u007f': builder.Append(' '); break;
                default: builder.Append(c); break;
            }
        }
    }
}
