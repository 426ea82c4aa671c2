using System.Text.Json;

namespace DefenderConnector.Mapping;

/// <summary>Checks on JSON carried inside strings (AdditionalFields, dynamic columns serialized as text).</summary>
internal static class JsonText
{
    /// <summary>True when the text is one complete, valid JSON object or array.</summary>
    public static bool IsContainer(ReadOnlySpan<byte> text)
    {
        var trimmed = text.TrimStart(" \t\r\n"u8);
        if (trimmed.IsEmpty || (trimmed[0] != (byte)'{' && trimmed[0] != (byte)'['))
        {
            return false;
        }

        var reader = new Utf8JsonReader(text);
        try
        {
            if (!reader.Read())
            {
                return false;
            }

            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// Writes, as JSON strings, the values of <paramref name="property"/> found in the objects of a
    /// JSON array (RecipientDetails: [{"RecipientSmtpAddress": ...}]) or the strings of a plain array.
    /// Returns how many were written.
    /// </summary>
    public static int WriteStrings(OcsfEventWriter writer, ReadOnlySpan<byte> json, ReadOnlySpan<byte> property)
    {
        if (!IsContainer(json))
        {
            return 0;
        }

        var count = 0;
        var reader = new Utf8JsonReader(json);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return 0;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.String && property.IsEmpty)
            {
                WriteStringValue(writer, ref reader);
                count++;
                continue;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var match = reader.ValueTextEquals(property);
                reader.Read();
                if (match && reader.TokenType == JsonTokenType.String)
                {
                    WriteStringValue(writer, ref reader);
                    count++;
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        return count;
    }

    /// <summary>
    /// Copies the string token the reader is on: an unescaped value straight from its UTF-8 bytes (the
    /// same bytes its string would encode to), an escaped one through its string as before.
    /// </summary>
    public static void WriteStringValue(OcsfEventWriter writer, ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            writer.WriteStringValue(reader.GetString());
        }
        else
        {
            writer.WriteStringValue(reader.ValueSpan);
        }
    }

    /// <summary>
    /// The string value of a top-level property of a JSON object (AdditionalFields["TO.GROUP"]), unescaped into
    /// <paramref name="destination"/>. <paramref name="validated"/>: the text came from <see cref="Row.TryJson"/>,
    /// which already checked it is one complete JSON value, so it is not checked again.
    /// </summary>
    public static bool TryGetString(ReadOnlySpan<byte> json, ReadOnlySpan<byte> property, Span<byte> destination, out int length, bool validated = false)
    {
        length = 0;
        if (validated ? json.IsEmpty : !IsContainer(json))
        {
            return false;
        }

        var reader = new Utf8JsonReader(json);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var match = reader.ValueTextEquals(property);
            reader.Read();
            if (match && reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length <= destination.Length)
            {
                length = reader.CopyString(destination);
                return length > 0;
            }

            reader.Skip();
        }

        return false;
    }
}
