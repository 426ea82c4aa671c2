using System.Text.Json;

namespace DefenderConnector.Mapping.Api;

/// <summary>mitreTechniques: a JSON array of technique ids ("T1059", "T1059.001") → OCSF attacks.</summary>
internal static class MitreTechniques
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
        Span<byte> id = stackalloc byte[32];
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String || reader.ValueSpan.Length is 0 or > 32)
            {
                reader.Skip();
                continue;
            }

            var uid = id[..reader.CopyString(id)];
            if (!started)
            {
                writer.WriteStartArray(Names.Attacks);
                started = true;
            }

            writer.WriteStartObject();
            var dot = uid.IndexOf((byte)'.');
            writer.WriteStartObject(Names.Technique);
            writer.WriteString(Names.Uid, dot > 0 ? uid[..dot] : uid);
            writer.WriteEndObject();
            if (dot > 0)
            {
                writer.WriteStartObject(Names.SubTechnique);
                writer.WriteString(Names.Uid, uid);
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
