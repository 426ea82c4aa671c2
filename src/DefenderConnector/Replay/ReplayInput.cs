using System.Text.Json;

namespace DefenderConnector.Replay;

/// <summary>
/// Splits a replay input into its top-level JSON values. The input is first read as a sequence of
/// values (a whole document, several documents, or JSON lines are all that); only when that fails
/// is it read line by line, so one bad line costs that line and not the file.
/// </summary>
internal sealed class ReplayInput
{
    private readonly int[] _lineStarts;

    private ReplayInput(ReadOnlyMemory<byte> data)
    {
        Data = data;
        var starts = new List<int> { 0 };
        var span = data.Span;
        for (var i = 0; i < span.Length; i++)
        {
            if (span[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        _lineStarts = [.. starts];
    }

    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Top-level values as byte ranges of <see cref="Data"/>, in input order.</summary>
    public List<Range> Values { get; } = [];

    /// <summary>
    /// Lines that are not JSON (line mode only), in input order: line number, the line's bytes and the parser
    /// message. The engine hands them to the Streaming API decoder, which may salvage their whole records.
    /// </summary>
    public List<(long Line, Range Bytes, string Detail)> BadLines { get; } = [];

    /// <summary>True when the input was not a sequence of JSON values and was read line by line.</summary>
    public bool LineMode { get; private set; }

    /// <summary>Why nothing could be read, or null.</summary>
    public string? Problem { get; private set; }

    public static ReplayInput Read(ReadOnlyMemory<byte> data)
    {
        // A UTF-8 byte order mark is not JSON; editors on Windows add one, and a body saved from a hub may start
        // with one. A live pull skips it at the start of a body (TextRepair), so a replay skips it at the start
        // of the file and of every line.
        if (data.Span.StartsWith("\uFEFF"u8))
        {
            data = data[3..];
        }

        data = BlankLineStartMarks(data);

        var input = new ReplayInput(data);
        if (data.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            input.Problem = "The input is empty.";
            return input;
        }

        if (!input.TryReadSequence())
        {
            input.ReadLines();
        }

        return input;
    }

    private static ReadOnlyMemory<byte> BlankLineStartMarks(ReadOnlyMemory<byte> data)
    {
        var mark = "\n\uFEFF"u8;
        if (data.Span.IndexOf(mark) < 0)
        {
            return data;
        }

        var copy = data.ToArray();
        for (var at = copy.AsSpan().IndexOf(mark); at >= 0;)
        {
            " \t "u8.CopyTo(copy.AsSpan(at + 1));
            var next = copy.AsSpan(at + 1).IndexOf(mark);
            at = next < 0 ? -1 : at + 1 + next;
        }

        return copy;
    }

    /// <summary>The 1-based line holding byte <paramref name="offset"/> of <see cref="Data"/>.</summary>
    public long LineOf(int offset)
    {
        var index = Array.BinarySearch(_lineStarts, offset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }

    private bool TryReadSequence()
    {
        var reader = new Utf8JsonReader(Data.Span, new JsonReaderOptions { AllowMultipleValues = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 });
        try
        {
            while (reader.Read())
            {
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                Values.Add(start..(int)reader.BytesConsumed);
            }

            return true;
        }
        catch (JsonException)
        {
            Values.Clear();
            return false;
        }
    }

    /// <summary>The message of the error the input's first bad line gave, for an input with no JSON value at all.</summary>
    public string NoValueProblem() =>
        BadLines.Count == 0 ? "The input is not JSON." : $"The input is not JSON: no line holds a JSON value (line {BadLines[0].Line}: {BadLines[0].Detail}).";

    /// <summary>Reads one value per line; a line that is not JSON is kept, with its bytes, for the engine.</summary>
    private void ReadLines()
    {
        LineMode = true;
        for (var line = 0; line < _lineStarts.Length; line++)
        {
            var start = _lineStarts[line];
            var end = LineEnd(line);
            if (Data.Span[start..end].Trim(" \t\r\n"u8).IsEmpty)
            {
                continue;
            }

            if (TryReadLine(start, end, out var value, out var problem))
            {
                Values.Add(value);
            }
            else
            {
                BadLines.Add((line + 1, start..end, problem));
            }
        }
    }

    private int LineEnd(int line) => line + 1 < _lineStarts.Length ? _lineStarts[line + 1] : Data.Length;

    private bool TryReadLine(int start, int end, out Range value, out string problem)
    {
        var reader = new Utf8JsonReader(Data.Span[start..end], new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 });
        try
        {
            reader.Read();
            var from = start + (int)reader.TokenStartIndex;
            reader.Skip();
            var to = start + (int)reader.BytesConsumed;
            while (reader.Read())
            {
                // A second value on the same line throws: Utf8JsonReader allows one by default.
            }

            value = from..to;
            problem = string.Empty;
            return true;
        }
        catch (JsonException e)
        {
            value = default;
            problem = e.Message;
            return false;
        }
    }
}
