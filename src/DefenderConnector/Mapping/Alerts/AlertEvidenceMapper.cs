namespace DefenderConnector.Mapping.Alerts;

/// <summary>
/// AlertEvidence → Detection Finding (2004) Update of the same finding (finding_info.uid = AlertId)
/// with the row's entity as its one evidence; a SIEM groups the rows of an alert by that uid.
/// </summary>
internal static class AlertEvidenceMapper
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

        EventWriter.Begin(context, cls, 2, default, severity);
        writer.WriteBoolean(Names.IsAlert, true);
        FindingInfoBlock.Write(writer, context, Column.AlertId, Column.Title, Put.None, Column.Categories);
        EvidenceBlock.Write(writer, row);
        var observables = new ObservableWriter(writer);
        EvidenceBlock.Observe(ref observables, row);
        observables.End();
        EventWriter.End(context, OcsfProfiles.None);
        return context.Mapped(cls);
    }
}
