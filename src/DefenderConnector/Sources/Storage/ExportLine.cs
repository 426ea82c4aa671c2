using System.Text.Json;
using DefenderConnector.Checkpoints;
using DefenderConnector.Decoding;

namespace DefenderConnector.Sources.Storage;

/// <summary>
/// Checks one line of an export blob before it is mapped, with the Event Hub path's rules and reasons: the
/// one text repair (<see cref="TextRepair"/>), then a record must be one JSON object. A line that is not
/// JSON is <c>RecordMalformed</c> (a broken record, as in a salvaged Event Hub body), a JSON value that is
/// not an object <c>RecordNotObject</c>.
/// </summary>
internal static class ExportLine
{
    /// <summary>Null when the line is one JSON object, else its dead-letter reason and detail.</summary>
    public static (string Reason, string Detail)? Problem(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        try
        {
            if (!reader.Read())
            {
                return (DeadLetterReasons.RecordMalformed, "The line holds no JSON value.");
            }

            var first = reader.TokenType;
            reader.Skip();
            if (reader.Read())
            {
                return (DeadLetterReasons.RecordMalformed, $"The line holds more than one JSON value (a second at byte {reader.TokenStartIndex}).");
            }

            return first == JsonTokenType.StartObject ? null : (DeadLetterReasons.RecordNotObject, $"The line is a JSON {first}, not a record object.");
        }
        catch (JsonException e)
        {
            return (DeadLetterReasons.RecordMalformed, $"The line is not valid JSON: {e.Message}");
        }
    }

    /// <summary>The line as it is mapped: itself, or (rarely) a repaired copy when it is not valid UTF-8 or holds a lone surrogate escape.</summary>
    public static ReadOnlyMemory<byte> Repaired(ReadOnlyMemory<byte> line, out bool repaired)
    {
        var skip = TextRepair.PrefixToSkip(line.Span);
        line = line[skip..];
        repaired = TextRepair.NeedsRepair(line.Span);
        if (!repaired)
        {
            return line;
        }

        var buffer = Array.Empty<byte>();
        var length = TextRepair.Repair(line.Span, ref buffer);
        return buffer.AsMemory(0, length);
    }
}
