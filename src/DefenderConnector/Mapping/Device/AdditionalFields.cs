using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace DefenderConnector.Mapping.Device;

/// <summary>
/// The AdditionalFields of one DeviceEvents row (a JSON object, sent either as an object or as a
/// string holding JSON), read for a few named values. The column itself is left unplaced so the
/// whole object still lands in <c>unmapped</c>: nothing Defender sent is lost, even the keys we read.
/// </summary>
internal readonly ref struct AdditionalFields
{
    public AdditionalFields(in Row row)
    {
        row.TryJson(Column.AdditionalFields, out var json);
        row.Unmark(Column.AdditionalFields);
        Json = json;
    }

    /// <summary>The object's JSON text; empty when the row has none or it is not JSON.</summary>
    public ReadOnlySpan<byte> Json { get; }

    /// <summary>
    /// The unescaped string value of <paramref name="property"/>, copied into a pooled buffer the
    /// caller returns with <see cref="Return"/>. An unescaped value is never longer than the JSON it
    /// came from, so a buffer of the JSON's length always fits (task XML and PowerShell commands can be KBs).
    /// </summary>
    public bool TryGet(ReadOnlySpan<byte> property, [NotNullWhen(true)] out byte[]? buffer, out int length)
    {
        buffer = null;
        length = 0;
        if (Json.IsEmpty)
        {
            return false;
        }

        buffer = ArrayPool<byte>.Shared.Rent(Json.Length);
        if (JsonText.TryGetString(Json, property, buffer, out length, validated: true))
        {
            return true;
        }

        Return(buffer);
        buffer = null;
        return false;
    }

    /// <summary>Writes the string value of <paramref name="property"/> as <paramref name="name"/>; false (nothing written) when absent.</summary>
    public bool Write(OcsfEventWriter writer, OcsfAttribute name, ReadOnlySpan<byte> property)
    {
        if (!TryGet(property, out var buffer, out var length))
        {
            return false;
        }

        writer.WriteString(name, buffer.AsSpan(0, length));
        Return(buffer);
        return true;
    }

    public static void Return(byte[]? buffer)
    {
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
