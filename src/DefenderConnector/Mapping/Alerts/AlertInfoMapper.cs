namespace DefenderConnector.Mapping.Alerts;

/// <summary>AlertInfo → Detection Finding (2004) Create: one alert, its severity, category and MITRE techniques.</summary>
internal static class AlertInfoMapper
{
    public static MapResult Map(in MapContext context)
    {
        var row = context.Row;
        var writer = context.Writer;
        var cls = OcsfClasses.DetectionFinding;
        var severity = Severity.FromText(row.Peek(Column.Severity));
        if (severity > 0)
        {
            row.MarkUsed(Column.Severity);
        }

        EventWriter.Begin(context, cls, 1, default, severity);
        writer.WriteBoolean(Names.IsAlert, true);
        FindingInfoBlock.Write(writer, context, Column.AlertId, Column.Title, Put.None, Column.Category);
        EventWriter.End(context, OcsfProfiles.None);
        return context.Mapped(cls);
    }
}
