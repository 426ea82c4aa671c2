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
}
