using System.Buffers;
using System.Text.Json;

namespace DefenderConnector.Encoders.Ecs;

/// <summary>What an <see cref="EcsValue"/> holds.</summary>
internal enum EcsValueKind : byte
{
    Text,
    LoweredText,
    Utf8,
    Number,
    Boolean,
    Time,
    Keywords,
    Objects,
}

/// <summary>
/// One field's value in an <see cref="EcsDocument"/>, unboxed: text stays where the event's tree holds
/// it (valid until the next event, and the document is written before then), numbers and times stay
/// numbers, and each is turned into JSON only when written.
/// </summary>
internal struct EcsValue(EcsValueKind kind)
{
    public EcsField Field = null!;
    public readonly EcsValueKind Kind = kind;

    /// <summary>A number, a boolean (1 or 0) or a time (milliseconds since the epoch).</summary>
    public long Number;

    /// <summary>Text and lower-cased text.</summary>
    public ReadOnlyMemory<char> Chars;

    /// <summary>Text given as UTF-8 (the OCSF event for <c>ocsf.original</c>).</summary>
    public ReadOnlyMemory<byte> Utf8;

    /// <summary>The list of a keyword array or an array of objects.</summary>
    public object? Reference;

    /// <summary>Writes the value (the property name is already written).</summary>
    public readonly void WriteTo(Utf8JsonWriter writer)
    {
        switch (Kind)
        {
            case EcsValueKind.Text: writer.WriteStringValue(Chars.Span); break;
            case EcsValueKind.LoweredText: WriteLowered(writer, Chars.Span); break;
            case EcsValueKind.Utf8: EmbeddedJson.WriteStringValue(writer, Utf8.Span); break;
            case EcsValueKind.Number: writer.WriteNumberValue(Number); break;
            case EcsValueKind.Boolean: writer.WriteBooleanValue(Number != 0); break;
            case EcsValueKind.Time:
                Span<byte> time = stackalloc byte[OcsfView.IsoTimeLength];
                OcsfView.FormatIsoTime(Number, time);
                writer.WriteStringValue(time);
                break;
            case EcsValueKind.Keywords:
                writer.WriteStartArray();
                foreach (var item in (List<ReadOnlyMemory<char>>)Reference!)
                {
                    writer.WriteStringValue(item.Span);
                }

                writer.WriteEndArray();
                break;
            case EcsValueKind.Objects:
                writer.WriteStartArray();
                foreach (var item in (List<EcsDocument>)Reference!)
                {
                    item.WriteTo(writer);
                }

                writer.WriteEndArray();
                break;
        }
    }

    private static void WriteLowered(Utf8JsonWriter writer, ReadOnlySpan<char> text)
    {
        // Lower-casing never changes a string's length in the invariant culture.
        var rented = text.Length <= 256 ? null : ArrayPool<char>.Shared.Rent(text.Length);
        var lowered = rented is null ? stackalloc char[text.Length] : rented.AsSpan(0, text.Length);
        text.ToLowerInvariant(lowered);
        writer.WriteStringValue(lowered);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }
}
