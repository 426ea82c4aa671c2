using System.Text;
using System.Text.Json;

namespace DefenderConnector.Mapping;

/// <summary>
/// One string of a record's envelope (time, tenantId, category...) as unescaped UTF-8 pointing into
/// the record, so mapping a record allocates no string for it. An escaped value (rare) is unescaped
/// into <see cref="Text"/> once and written from there, exactly as before.
/// </summary>
internal readonly ref struct EnvelopeText
{
    private EnvelopeText(ReadOnlySpan<byte> utf8, string? text, bool present)
    {
        Utf8 = utf8;
        Text = text;
        IsPresent = present;
    }

    /// <summary>The unescaped UTF-8 value (for an escaped value, its string re-encoded).</summary>
    public ReadOnlySpan<byte> Utf8 { get; }

    /// <summary>The value as a string when it had to be unescaped (or came as a string); else null.</summary>
    public string? Text { get; }

    /// <summary>False when the property was absent or not a string.</summary>
    public bool IsPresent { get; }

    /// <summary>The text <see cref="StreamingEnvelope.ReadObject"/> found at <paramref name="at"/> in <paramref name="source"/>.</summary>
    public static EnvelopeText At(ReadOnlySpan<byte> source, TextAt at) =>
        !at.Present ? default
        : at.Text is { } text ? new EnvelopeText(Encoding.UTF8.GetBytes(text), text, true)
        : new EnvelopeText(source.Slice(at.Start, at.Length), null, true);

    public static EnvelopeText FromString(string? text) => new(text is null ? default : Encoding.UTF8.GetBytes(text), text, text is not null);

    public string? AsString() => !IsPresent ? null : Text ?? Encoding.UTF8.GetString(Utf8);

    /// <summary>Writes the value as a JSON string; from the string when there is one, so the bytes are those the string gives.</summary>
    public void Write(OcsfEventWriter writer, OcsfAttribute name)
    {
        if (Text is not null)
        {
            writer.WriteString(name, Text);
        }
        else
        {
            writer.WriteString(name, Utf8);
        }
    }
}
