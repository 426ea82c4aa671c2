using System.Text.Json;

namespace DefenderConnector.Mapping;

/// <summary>
/// OCSF <c>attacks[]</c> from a JSON array of MITRE ATT&amp;CK techniques, in either form Defender uses:
/// the streaming AttackTechniques column's "Technique name (T1059.001)" or the APIs' bare ids
/// ("T1059", "T1059.001"). A sub-technique id also gives its parent technique's id.
/// </summary>
internal static class AttacksBlock
{
    /// <summary>How the array's strings are written.</summary>
    public enum Form
    {
        /// <summary>"Technique name (T1059.001)", up to 256 bytes; the name goes on the most specific technique.</summary>
        NamedTechniques,

        /// <summary>"T1059.001", up to 32 bytes.</summary>
        Ids,
    }

    /// <summary>Writes <c>attacks</c>; false (nothing written) when the JSON is not an array or holds no technique.</summary>
    public static bool Write(OcsfEventWriter writer, ReadOnlySpan<byte> json, Form form)
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

        var named = form == Form.NamedTechniques;
        var started = false;
        Span<byte> buffer = stackalloc byte[named ? 256 : 32];
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String || reader.ValueSpan.Length is 0 || reader.ValueSpan.Length > buffer.Length)
            {
                reader.Skip();
                continue;
            }

            var text = buffer[..reader.CopyString(buffer)];
            scoped ReadOnlySpan<byte> uid = text;
            scoped ReadOnlySpan<byte> name = default;
            if (named)
            {
                var open = text.LastIndexOf("(T"u8);
                if (open < 0 || text[^1] != (byte)')')
                {
                    continue;
                }

                uid = text[(open + 1)..^1];
                name = text[..open].TrimEnd((byte)' ');
            }

            if (!started)
            {
                writer.WriteStartArray(Names.Attacks);
                started = true;
            }

            WriteAttack(writer, uid, name, named);
        }

        if (started)
        {
            writer.WriteEndArray();
        }

        return started;
    }

    private static void WriteAttack(OcsfEventWriter writer, ReadOnlySpan<byte> uid, ReadOnlySpan<byte> name, bool named)
    {
        writer.WriteStartObject();
        var dot = uid.IndexOf((byte)'.');
        writer.WriteStartObject(Names.Technique);
        writer.WriteString(Names.Uid, dot > 0 ? uid[..dot] : uid);
        if (named && dot <= 0)
        {
            writer.WriteString(Names.Name, name);
        }

        writer.WriteEndObject();
        if (dot > 0)
        {
            writer.WriteStartObject(Names.SubTechnique);
            writer.WriteString(Names.Uid, uid);
            if (named)
            {
                writer.WriteString(Names.Name, name);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
