using System.Text.Json;

namespace DefenderConnector.Mapping.Alerts;

/// <summary>
/// Defender's AttackTechniques column: a JSON array (usually carried in a string) of
/// "Technique name (T1059.001)". Each becomes an OCSF attack with technique or sub_technique.
/// </summary>
internal static class AttackTechniques
{
    public static bool Write(Utf8JsonWriter writer, ReadOnlySpan<byte> json)
    {
        if (!JsonText.IsContainer(json))
        {
            return false;
        }

        var reader = new Utf8JsonReader(json);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var started = false;
        Span<byte> buffer = stackalloc byte[256];
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String || reader.ValueSpan.Length > buffer.Length)
            {
                reader.Skip();
                continue;
            }

            var text = buffer[..reader.CopyString(buffer)];
            var open = text.LastIndexOf("(T"u8);
            if (open < 0 || text[^1] != (byte)')')
            {
                continue;
            }

            var uid = text[(open + 1)..^1];
            var name = text[..open].TrimEnd((byte)' ');
            if (!started)
            {
                writer.WriteStartArray(Names.Attacks);
                started = true;
            }

            writer.WriteStartObject();
            var dot = uid.IndexOf((byte)'.');
            if (dot > 0)
            {
                writer.WriteStartObject(Names.Technique);
                writer.WriteString(Names.Uid, uid[..dot]);
                writer.WriteEndObject();
                writer.WriteStartObject(Names.SubTechnique);
                writer.WriteString(Names.Uid, uid);
                writer.WriteString(Names.Name, name);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteStartObject(Names.Technique);
                writer.WriteString(Names.Uid, uid);
                writer.WriteString(Names.Name, name);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        if (started)
        {
            writer.WriteEndArray();
        }

        return started;
    }
}
