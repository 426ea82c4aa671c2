using System.Text.Json;
using DefenderConnector.Mapping.Device;

namespace DefenderConnector.Mapping.Identity;

/// <summary>
/// IdentityLogonEvents → Authentication (3002) Logon: LogonSuccess Success, LogonFailed Failure.
/// The account is user, the client (IPAddress, Port, DeviceName) src_endpoint, the target
/// (Destination*) dst_endpoint, the application (Active Directory, Microsoft 365...) service.
/// </summary>
internal static class IdentityLogonEventsMapper
{
    public static MapResult Map(in MapContext context)
    {
        var row = context.Row;
        var writer = context.Writer;
        var cls = OcsfClasses.Authentication;
        var success = row.Is(Column.ActionType, "LogonSuccess"u8);
        var failed = row.Is(Column.ActionType, "LogonFailed"u8);
        var action = row.Peek(Column.ActionType);
        row.TryText(Column.ActionType, out _);
        EventWriter.Begin(context, cls, success || failed ? 1 : 99, action);
        Put.Enum(writer, Names.StatusId, success ? 1 : failed ? 2 : 0, Names.Status, success ? "Success"u8 : failed ? "Failure"u8 : "Unknown"u8);
        Put.Str(writer, Names.StatusDetail, row, Column.FailureReason);
        LogonType(writer, row);
        DeviceLogonEventsMapper.WriteProtocol(writer, row, Column.Protocol);
        DeviceLogonEventsMapper.WriteUser(writer, row, UserColumns.Account);
        if (row.Has(Column.Application))
        {
            writer.WriteStartObject(Names.Service);
            Put.Str(writer, Names.Name, row, Column.Application);
            writer.WriteEndObject();
        }

        var any = EndpointBlock.Write(writer, "src_endpoint"u8, row, Column.IPAddress, Column.Port, Column.DeviceName);
        any |= EndpointBlock.Write(writer, "dst_endpoint"u8, row, Column.DestinationIPAddress, Column.DestinationPort, Column.DestinationDeviceName);
        if (!any && !row.Has(Column.Application))
        {
            // OCSF needs a service or a destination; the identity provider is the only one known.
            writer.WriteStartObject(Names.Service);
            writer.WriteString(Names.Name, "Active Directory"u8);
            writer.WriteEndObject();
        }

        var observables = new ObservableWriter(writer);
        IdentityObservables.Add(ref observables, row);
        observables.End();
        EventWriter.End(context, OcsfProfiles.None);
        return context.Mapped(cls);
    }

    /// <summary>Defender for Identity's logon types are descriptive, not Windows logon types; only the clear ones map.</summary>
    private static void LogonType(OcsfEventWriter writer, in Row row)
    {
        var text = row.Peek(Column.LogonType);
        if (text.IsEmpty)
        {
            return;
        }

        var (id, caption) = text switch
        {
            _ when System.Text.Ascii.EqualsIgnoreCase(text, "Interactive"u8) => (2, "Interactive"),
            _ when System.Text.Ascii.EqualsIgnoreCase(text, "Remote desktop"u8) => (10, "Remote Interactive"),
            _ when System.Text.Ascii.EqualsIgnoreCase(text, "LDAP cleartext"u8) => (8, "Network Cleartext"),
            _ when System.Text.Ascii.EqualsIgnoreCase(text, "Resource access"u8) => (3, "Network"),
            _ => (99, string.Empty),
        };
        writer.WriteNumber(Names.LogonTypeId, id);
        if (id == 99)
        {
            writer.WriteString(Names.LogonType, text);
        }
        else
        {
            writer.WriteString(Names.LogonType, caption);
        }

        row.MarkUsed(Column.LogonType);
    }
}
