namespace DefenderConnector.Mapping.Email;

/// <summary>
/// EmailPostDeliveryEvents and MessagePostDeliveryEvents → Email Activity (4009) Other, named after
/// the ActionType (Phish ZAP, Malware ZAP, Manual remediation...); the Action taken is the
/// security-control outcome.
/// </summary>
internal static class PostDeliveryMapper
{
    public static MapResult MapEmail(in MapContext context) => Map(context, EmailColumns.Mail, Column.Action);

    public static MapResult MapTeams(in MapContext context) => Map(context, EmailColumns.Teams, Column.Action);

    private static MapResult Map(in MapContext context, in EmailColumns columns, Column action)
    {
        var row = context.Row;
        var writer = context.Writer;
        var cls = OcsfClasses.Email;
        var actionType = row.Peek(Column.ActionType);
        row.TryText(Column.ActionType, out _);
        EventWriter.Begin(context, cls, 99, actionType.IsEmpty ? "Post-delivery action"u8 : actionType);
        writer.WriteNumber(Names.DirectionId, 0);
        writer.WriteString(Names.Direction, "Unknown"u8);
        EmailVerdicts.Write(writer, row, action);
        Put.Str(writer, Names.StatusDetail, row, Column.ActionResult);
        EmailBlock.Write(writer, row, columns, withFiles: false, withUrls: false);
        var observables = new ObservableWriter(writer);
        EmailObservables.Add(ref observables, row, columns);
        observables.End();
        EventWriter.End(context, OcsfProfiles.SecurityControl);
        return context.Mapped(cls);
    }
}
