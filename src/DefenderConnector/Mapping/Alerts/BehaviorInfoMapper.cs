namespace DefenderConnector.Mapping.Alerts;

/// <summary>
/// BehaviorInfo → Detection Finding (2004) Create, not an alert (is_alert false): a behavior is
/// context that may or may not be malicious. The device and account it concerns are its evidence.
/// </summary>
internal static class BehaviorInfoMapper
{
    public static MapResult Map(in MapContext context)
    {
        var row = context.Row;
        var writer = context.Writer;
        var cls = OcsfClasses.DetectionFinding;
        EventWriter.Begin(context, cls, 1, default);
        writer.WriteBoolean(Names.IsAlert, false);
        Put.Str(writer, Names.Message, row, Column.ActionType);
        FindingInfoBlock.Write(writer, context, Column.BehaviorId, Column.Title, Column.Description, Column.Categories);
        EvidenceBlock.Write(writer, row);
        var observables = new ObservableWriter(writer);
        EvidenceBlock.Observe(ref observables, row);
        observables.End();
        EventWriter.End(context, OcsfProfiles.None);
        return context.Mapped(cls);
    }
}
