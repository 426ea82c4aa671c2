namespace DefenderConnector.Mapping.Device;

/// <summary>
/// The command line of a scheduled task, derived from the task XML Defender reports in
/// AdditionalFields TaskContent: the first <c>Exec</c> action's <c>Command</c> and <c>Arguments</c>.
/// A task whose first action is not Exec (COM handler, e-mail) has no command line, so none is written.
/// </summary>
internal static class TaskCommandLine
{
    /// <summary>Writes "Command Arguments" (XML entities decoded) into <paramref name="destination"/>; the length, or 0.</summary>
    public static int Derive(ReadOnlySpan<byte> xml, Span<byte> destination)
    {
        var exec = xml.IndexOf("<Exec>"u8);
        if (exec < 0)
        {
            return 0;
        }

        xml = xml[exec..];
        var end = xml.IndexOf("</Exec>"u8);
        if (end > 0)
        {
            xml = xml[..end];
        }

        var command = Element(xml, "<Command>"u8, "</Command>"u8).Trim(" \t\r\n"u8);
        if (command.IsEmpty)
        {
            return 0;
        }

        var length = Decode(command, destination);
        var arguments = Element(xml, "<Arguments>"u8, "</Arguments>"u8).Trim(" \t\r\n"u8);
        if (!arguments.IsEmpty)
        {
            destination[length++] = (byte)' ';
            length += Decode(arguments, destination[length..]);
        }

        return length;
    }

    private static ReadOnlySpan<byte> Element(ReadOnlySpan<byte> xml, ReadOnlySpan<byte> open, ReadOnlySpan<byte> close)
    {
        var start = xml.IndexOf(open);
        if (start < 0)
        {
            return default;
        }

        var content = xml[(start + open.Length)..];
        var end = content.IndexOf(close);
        return end < 0 ? default : content[..end];
    }

    // Task XML escapes the five predefined entities; decoding only shrinks the text, so it fits in place.
    private static int Decode(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        var written = 0;
        while (!text.IsEmpty)
        {
            var amp = text.IndexOf((byte)'&');
            var plain = amp < 0 ? text : text[..amp];
            plain.CopyTo(destination[written..]);
            written += plain.Length;
            if (amp < 0)
            {
                break;
            }

            text = text[amp..];
            var (entity, value) = text.StartsWith("&amp;"u8) ? (5, (byte)'&')
                : text.StartsWith("&lt;"u8) ? (4, (byte)'<')
                : text.StartsWith("&gt;"u8) ? (4, (byte)'>')
                : text.StartsWith("&quot;"u8) ? (6, (byte)'"')
                : text.StartsWith("&apos;"u8) ? (6, (byte)'\'')
                : (1, (byte)'&');
            destination[written++] = value;
            text = text[entity..];
        }

        return written;
    }
}
