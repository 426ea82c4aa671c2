using System.Text.Json;

namespace DefenderConnector.Mapping.Device;

/// <summary>
/// DeviceLogonEvents → Authentication (3002, host profile) Logon: LogonSuccess status Success,
/// LogonFailed Failure (never Logoff), LogonAttempted Unknown. The device is dst_endpoint; the
/// remote side is src_endpoint; the account is user.
/// </summary>
internal static class DeviceLogonEventsMapper
{
    public static MapResult Map(in MapContext context)
    {
        var row = context.Row;
        var writer = context.Writer;
        var cls = OcsfClasses.Authentication;
        var success = row.Is(Column.ActionType, "LogonSuccess"u8);
        var failed = row.Is(Column.ActionType, "LogonFailed"u8);
        var activity = success || failed || row.Is(Column.ActionType, "LogonAttempted"u8) ? 1 : 99;
        var action = row.Peek(Column.ActionType);
        row.TryText(Column.ActionType, out _);
        EventWriter.Begin(context, cls, activity, action);
        Put.Enum(writer, Names.StatusId, success ? 1 : failed ? 2 : 0, Names.Status, success ? "Success"u8 : failed ? "Failure"u8 : "Unknown"u8);
        Put.Str(writer, Names.StatusDetail, row, Column.FailureReason);
        WriteLogonType(writer, row, Column.LogonType);
        WriteProtocol(writer, row, Column.Protocol);
        DeviceBlock.Write(writer, row);
        ActorBlock.WriteInitiating(writer, row);
        WriteUser(writer, row, UserColumns.Account);
        writer.WriteStartObject(Names.DstEndpoint);
        writer.WriteString(Names.Hostname, row.Has(Column.DeviceName) ? row.Peek(Column.DeviceName) : "Unknown"u8);
        writer.WriteEndObject();
        EndpointBlock.Write(writer, "src_endpoint"u8, row, Column.RemoteIP, Column.RemotePort, Column.RemoteDeviceName);
        var observables = new ObservableWriter(writer);
        DeviceBlock.Observe(ref observables, row);
        ActorBlock.Observe(ref observables, row);
        observables.Add("user.name"u8, 4, UserBlock.NameOf(row, UserColumns.Account));
        observables.Add("src_endpoint.ip"u8, 2, EndpointBlock.IpOf(row, Column.RemoteIP));
        observables.End();
        EventWriter.End(context, OcsfProfiles.Host);
        return context.Mapped(cls);
    }

    /// <summary>Authentication requires a user; a row without an account names it "Unknown".</summary>
    public static void WriteUser(OcsfEventWriter writer, in Row row, in UserColumns columns)
    {
        if (!UserBlock.Write(writer, "user"u8, row, columns))
        {
            writer.WriteStartObject(Names.User);
            writer.WriteString(Names.Name, "Unknown"u8);
            writer.WriteEndObject();
        }
    }

    public static void WriteLogonType(OcsfEventWriter writer, in Row row, Column column)
    {
        var text = row.Peek(column);
        if (text.IsEmpty)
        {
            return;
        }

        var (id, caption) = LogonTypes.LogonType(text);
        writer.WriteNumber(Names.LogonTypeId, id);
        if (id == 99)
        {
            writer.WriteString(Names.LogonType, text);
        }
        else
        {
            writer.WriteString(Names.LogonType, caption);
        }

        row.MarkUsed(column);
    }

    public static void WriteProtocol(OcsfEventWriter writer, in Row row, Column column)
    {
        var text = row.Peek(column);
        if (text.IsEmpty)
        {
            return;
        }

        var (id, caption) = LogonTypes.Protocol(text);
        writer.WriteNumber(Names.AuthProtocolId, id);
        if (id == 99)
        {
            writer.WriteString(Names.AuthProtocol, text);
        }
        else
        {
            writer.WriteString(Names.AuthProtocol, caption);
        }

        row.MarkUsed(column);
    }
}
