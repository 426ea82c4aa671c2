using System.Buffers;
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
    // Everything either escaping changes: backslash, the field separator, and control characters but tab.
    private static readonly SearchValues<char> HeaderSpecial = SearchValues.Create(Specials('|'));
    private static readonly SearchValues<char> ExtensionSpecial = SearchValues.Create(Specials('='));

    private static string Specials(char separator)
    {
        var controls = Enumerable.Range(0, 0x20).Where(c => c != '\t').Select(c => (char)c);
        return new string([.. controls, '\u007f', '\\', separator]);
    }

    public static void AppendHeader(StringBuilder builder, ReadOnlySpan<char> value)
    {
        // Plain runs are copied whole; only the special characters are looked at one by one.
        for (var next = value.IndexOfAny(HeaderSpecial); next >= 0; next = value.IndexOfAny(HeaderSpecial))
        {
            builder.Append(value[..next]);
            switch (value[next])
            {
                case '\\': builder.Append(@"\\"); break;
                case '|': builder.Append(@"\|"); break;
                default: builder.Append(' '); break;
            }

            value = value[(next + 1)..];
        }

        builder.Append(value);
    }

    public static void AppendExtensionValue(StringBuilder builder, ReadOnlySpan<char> value)
    {
        for (var next = value.IndexOfAny(ExtensionSpecial); next >= 0; next = value.IndexOfAny(ExtensionSpecial))
        {
            builder.Append(value[..next]);
            var skip = 1;
            switch (value[next])
            {
                case '\\': builder.Append(@"\\"); break;
                case '=': builder.Append(@"\="); break;
                case '\r' when next + 1 < value.Length && value[next + 1] == '\n':
                    // A Windows line break is one line break for the reader.
                    builder.Append(@"\n");
                    skip = 2;
                    break;
                case '\n': builder.Append(@"\n"); break;
                case '\r': builder.Append(@"\r"); break;
                default: builder.Append(' '); break;
            }

            value = value[(next + skip)..];
        }

        builder.Append(value);
    }
}
