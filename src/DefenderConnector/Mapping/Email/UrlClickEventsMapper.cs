namespace DefenderConnector.Mapping.Email;

/// <summary>
/// UrlClickEvents → Web Resources Activity (6001) Read (the replacement for the deprecated Web
/// Resource Access Activity): ClickAllowed is Allowed, ClickBlocked* Denied; the clicking user is the actor;
/// the message clicked from (NetworkMessageId) is <c>metadata.correlation_uid</c>.
/// </summary>
internal static class UrlClickEventsMapper
{
    public static MapResult Map(in MapContext context)
    {
        var row = context.Row;
        var writer = context.Writer;
        var cls = OcsfClasses.WebResources;
        var allowed = row.Is(Column.ActionType, "ClickAllowed"u8);
        var blocked = row.Peek(Column.ActionType).StartsWith("ClickBlocked"u8);
        EventWriter.Begin(context, cls, 2, default);
        Put.Str(writer, Names.Message, row, Column.ActionType);
        if (allowed || blocked)
        {
            Put.Enum(writer, Names.ActionId, allowed ? 1 : 2, Names.Action, allowed ? "Allowed"u8 : "Denied"u8);
            Put.Enum(writer, Names.DispositionId, allowed ? 1 : 2, Names.Disposition, allowed ? "Allowed"u8 : "Blocked"u8);
        }

        writer.WriteStartArray(Names.WebResources);
        writer.WriteStartObject();
        var url = row.Peek(Column.Url);
        writer.WriteString(Names.Name, url.IsEmpty ? "Unknown"u8 : url);
        Put.Str(writer, Names.UrlString, row, Column.Url);
        Put.Str(writer, Names.Type, row, Column.Workload);
        writer.WriteEndObject();
        writer.WriteEndArray();
        if (UserColumns.Account.AnyIn(row))
        {
            writer.WriteStartObject(Names.Actor);
            UserBlock.Write(writer, "user"u8, row, UserColumns.Account);
            writer.WriteEndObject();
        }

        EndpointBlock.Write(writer, "src_endpoint"u8, row, Column.IPAddress, Put.None, Put.None);
        var observables = new ObservableWriter(writer);
        observables.Add("web_resources.url_string"u8, 6, url);
        observables.Add("actor.user.name"u8, 4, UserBlock.NameOf(row, UserColumns.Account));
        observables.Add("src_endpoint.ip"u8, 2, EndpointBlock.IpOf(row, Column.IPAddress));
        observables.End();
        // The click's message: NetworkMessageId correlates it with the EmailEvents row (email.uid) it came from.
        EventWriter.End(context, OcsfProfiles.SecurityControl | OcsfProfiles.Host, correlationUid: Column.NetworkMessageId);
        return context.Mapped(cls);
    }
}
