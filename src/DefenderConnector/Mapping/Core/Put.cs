using System.Net;
using System.Text;
using System.Text.Json;

namespace DefenderConnector.Mapping;

/// <summary>
/// Writes one OCSF attribute from one column when the column holds a usable value. A value that
/// does not fit the OCSF type (a port of "-", an IP of "-") is left unplaced and so lands in <c>unmapped</c>.
/// </summary>
internal static class Put
{
    /// <summary>"No column", for blocks that take optional columns.</summary>
    public const Column None = (Column)(-1);

    private static readonly JsonEncodedText[] HashNames = [JsonEncodedText.Encode("MD5"), JsonEncodedText.Encode("SHA-1"), JsonEncodedText.Encode("SHA-256")];

    public static bool Str(OcsfEventWriter writer, OcsfAttribute name, in Row row, Column column)
    {
        if (!row.TryText(column, out var text))
        {
            return false;
        }

        writer.WriteString(name, text);
        return true;
    }

    public static bool Long(OcsfEventWriter writer, OcsfAttribute name, in Row row, Column column)
    {
        if (!row.TryLong(column, out var value))
        {
            return false;
        }

        writer.WriteNumber(name, value);
        return true;
    }

    /// <summary>An OCSF integer_t (32-bit): a larger value stays unplaced.</summary>
    public static bool Int(OcsfEventWriter writer, OcsfAttribute name, in Row row, Column column)
    {
        if (!row.TryLong(column, out var value))
        {
            return false;
        }

        if (value is < int.MinValue or > int.MaxValue)
        {
            UnmarkNotPossible(row, column);
            return false;
        }

        writer.WriteNumber(name, value);
        return true;
    }

    public static bool Bool(OcsfEventWriter writer, OcsfAttribute name, in Row row, Column column)
    {
        if (!row.TryBool(column, out var value))
        {
            return false;
        }

        writer.WriteBoolean(name, value);
        return true;
    }

    public static bool Time(OcsfEventWriter writer, OcsfAttribute name, in Row row, Column column)
    {
        if (!row.TryTime(column, out var value))
        {
            return false;
        }

        writer.WriteNumber(name, value);
        return true;
    }

    public static bool Port(OcsfEventWriter writer, OcsfAttribute name, in Row row, Column column)
    {
        if (!row.Has(column) || !row.TryLong(column, out var value))
        {
            return false;
        }

        if (value is < 0 or > 65535)
        {
            UnmarkNotPossible(row, column);
            return false;
        }

        writer.WriteNumber(name, value);
        return true;
    }

    /// <summary>An IP address; Defender writes "-", "" or garbage when it has none, which is not an IP.</summary>
    public static bool Ip(OcsfEventWriter writer, OcsfAttribute name, in Row row, Column column)
    {
        if (!IsIp(row.Peek(column)))
        {
            return false;
        }

        row.TryText(column, out var text);
        writer.WriteString(name, text);
        return true;
    }

    public static bool IsIp(ReadOnlySpan<byte> text)
    {
        if (text.Length is < 2 or > 45)
        {
            return false;
        }

        Span<char> chars = stackalloc char[45];
        var length = Encoding.UTF8.GetChars(text, chars);
        // IsValid accepts exactly what TryParse accepts, without allocating an IPAddress.
        return IPAddress.IsValid(chars[..length]);
    }

    /// <summary><c>hashes[]</c> from MD5/SHA1/SHA256 columns (any may be <see cref="None"/>).</summary>
    public static void Hashes(OcsfEventWriter writer, in Row row, Column md5, Column sha1, Column sha256)
    {
        if (!row.Has(md5) && !row.Has(sha1) && !row.Has(sha256))
        {
            return;
        }

        writer.WriteStartArray(Names.Hashes);
        Hash(writer, row, md5, 1);
        Hash(writer, row, sha1, 2);
        Hash(writer, row, sha256, 3);
        writer.WriteEndArray();
    }

    public static void Enum(OcsfEventWriter writer, OcsfAttribute idName, int id, OcsfAttribute captionName, ReadOnlySpan<byte> caption)
    {
        writer.WriteNumber(idName, id);
        if (!caption.IsEmpty)
        {
            writer.WriteString(captionName, caption);
        }
    }

    private static void Hash(OcsfEventWriter writer, in Row row, Column column, int algorithm)
    {
        if (!row.TryText(column, out var value))
        {
            return;
        }

        writer.WriteStartObject();
        writer.WriteNumber(Names.AlgorithmId, algorithm);
        writer.WriteString(Names.Algorithm, HashNames[algorithm - 1]);
        writer.WriteString(Names.Value, value);
        writer.WriteEndObject();
    }

    // A value that parsed but does not fit OCSF goes back to unmapped.
    private static void UnmarkNotPossible(in Row row, Column column) => row.Unmark(column);
}
