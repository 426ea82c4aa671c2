using System.Text.Json;

namespace DefenderConnector.Mapping.Cloud;

/// <summary>
/// CloudAppEvents → File Hosting Activity (6006), Authentication (3002) or API Activity (6003), see
/// <see cref="CloudAppActions"/>. The account is the actor (user for sign-ins), the client IP with
/// its geolocation src_endpoint, the application api.service, the object acted on a resource or file.
/// </summary>
internal static class CloudAppEventsMapper
{
    private static readonly UserColumns Account = new(Column.AccountDisplayName, Put.None, Put.None, Put.None, Column.AccountObjectId, Put.None);

    public static MapResult Map(in MapContext context)
    {
        var row = context.Row;
        var writer = context.Writer;
        var action = row.Peek(Column.ActionType);
        var (kind, activity) = CloudAppActions.Classify(action);
        var cls = kind switch { CloudAppActions.Kind.Logon => OcsfClasses.Authentication, CloudAppActions.Kind.FileHosting => OcsfClasses.FileHosting, _ => OcsfClasses.Api };
        row.TryText(Column.ActionType, out _);
        EventWriter.Begin(context, cls, activity, action);
        if (kind == CloudAppActions.Kind.Logon)
        {
            var failed = System.Text.Ascii.EqualsIgnoreCase(action, "UserLoginFailed"u8);
            Put.Enum(writer, Names.StatusId, failed ? 2 : 1, Names.Status, failed ? "Failure"u8 : "Success"u8);
            if (!UserBlock.Write(writer, "user"u8, row, Account))
            {
                writer.WriteStartObject(Names.User);
                writer.WriteString(Names.Name, "Unknown"u8);
                writer.WriteEndObject();
            }

            if (!Service(writer, row, "service"u8))
            {
                // Authentication needs a service or a destination; the row names neither.
                writer.WriteStartObject(Names.Service);
                writer.WriteString(Names.Name, "Unknown"u8);
                writer.WriteEndObject();
            }
        }
        else
        {
            writer.WriteStartObject(Names.Actor);
            if (!UserBlock.Write(writer, "user"u8, row, Account))
            {
                writer.WriteString(Names.AppName, row.Has(Column.Application) ? row.Peek(Column.Application) : "Microsoft Defender for Cloud Apps"u8);
            }

            writer.WriteEndObject();
            if (kind == CloudAppActions.Kind.FileHosting)
            {
                writer.WriteStartObject(Names.File);
                writer.WriteString(Names.Name, row.Has(Column.ObjectName) ? row.Peek(Column.ObjectName) : "Unknown"u8);
                row.MarkUsed(Column.ObjectName);
                writer.WriteNumber(Names.TypeId, 1);
                writer.WriteString(Names.Type, "Regular File"u8);
                Put.Str(writer, Names.Uid, row, Column.ObjectId);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteStartObject(Names.Api);
                writer.WriteString(Names.Operation, action.IsEmpty ? "Unknown"u8 : action);
                _ = Service(writer, row, "service"u8);
                writer.WriteEndObject();
                Resource(writer, row);
            }
        }

        CloudSource.Write(writer, row, Column.IPAddress, Column.CountryCode, Column.City, Put.None, Column.Isp);
        if (row.Has(Column.UserAgent))
        {
            writer.WriteStartObject(Names.HttpRequest);
            Put.Str(writer, Names.UserAgent, row, Column.UserAgent);
            writer.WriteEndObject();
        }

        var observables = new ObservableWriter(writer);
        observables.Add(kind == CloudAppActions.Kind.Logon ? "user.name"u8 : "actor.user.name"u8, 4, row.Peek(Column.AccountDisplayName));
        observables.Add(kind == CloudAppActions.Kind.Logon ? "user.uid"u8 : "actor.user.uid"u8, 31, row.Peek(Column.AccountObjectId));
        observables.Add("src_endpoint.ip"u8, 2, EndpointBlock.IpOf(row, Column.IPAddress));
        observables.Add("http_request.user_agent"u8, 16, row.Peek(Column.UserAgent));
        observables.End();
        EventWriter.End(context, OcsfProfiles.None);
        return context.Mapped(cls);
    }

    private static bool Service(OcsfEventWriter writer, in Row row, ReadOnlySpan<byte> property)
    {
        if (!row.Has(Column.Application) && !row.Has(Column.ApplicationId))
        {
            return false;
        }

        writer.WriteStartObject(property);
        if (!Put.Str(writer, Names.Name, row, Column.Application))
        {
            writer.WriteString(Names.Name, row.Peek(Column.ApplicationId));
        }

        Put.Str(writer, Names.Uid, row, Column.ApplicationId);
        writer.WriteEndObject();
        return true;
    }

    private static void Resource(OcsfEventWriter writer, in Row row)
    {
        if (!row.Has(Column.ObjectName) && !row.Has(Column.ObjectId))
        {
            return;
        }

        writer.WriteStartArray(Names.Resources);
        writer.WriteStartObject();
        Put.Str(writer, Names.Name, row, Column.ObjectName);
        Put.Str(writer, Names.Uid, row, Column.ObjectId);
        Put.Str(writer, Names.Type, row, Column.ObjectType);
        writer.WriteEndObject();
        writer.WriteEndArray();
    }
}
