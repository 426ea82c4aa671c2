using System.Text.Json;

namespace DefenderConnector.Mapping.Identity;

/// <summary>
/// The account that acted (Account*) and the client it acted from (IPAddress, Port, DeviceName).
/// Classes that require them get the application (or "Unknown") when the row has neither.
/// </summary>
internal static class IdentityActor
{
    public static void Write(OcsfEventWriter writer, in Row row)
    {
        writer.WriteStartObject(Names.Actor);
        if (!UserBlock.Write(writer, "user"u8, row, UserColumns.Account))
        {
            writer.WriteString(Names.AppName, row.Has(Column.Application) ? row.Peek(Column.Application) : "Microsoft Defender for Identity"u8);
            row.MarkUsed(Column.Application);
        }

        writer.WriteEndObject();
    }

    /// <summary>The client; when <paramref name="required"/> (API Activity) and unknown, a hostname "Unknown".</summary>
    public static void WriteSource(OcsfEventWriter writer, in Row row, bool required)
    {
        if (!EndpointBlock.Write(writer, "src_endpoint"u8, row, Column.IPAddress, Column.Port, Column.DeviceName) && required)
        {
            writer.WriteStartObject(Names.SrcEndpoint);
            writer.WriteString(Names.Hostname, "Unknown"u8);
            writer.WriteEndObject();
        }
    }
}
