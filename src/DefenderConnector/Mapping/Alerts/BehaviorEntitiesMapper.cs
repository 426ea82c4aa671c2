namespace DefenderConnector.Mapping.Alerts;

/// <summary>BehaviorEntities → Detection Finding (2004) Update of the behavior (finding_info.uid = BehaviorId) with the row's entity as evidence.</summary>
internal static class BehaviorEntitiesMapper
{
    public static MapResult Map(in MapContext context)
    {
        var row = context.Row;
        var writer = context.Writer;
        var cls = OcsfClasses.DetectionFinding;
        EventWriter.Begin(context, cls, 2, default);
        writer.WriteBoolean(Names.IsAlert, false);
        Put.Str(writer, Names.Message, row, Column.ActionType);
        FindingInfoBlock.Write(writer, context, Column.BehaviorId, Put.None, Put.None, Column.Categories);
        EvidenceBlock.Write(writer, row);
        var observables = new ObservableWriter(writer);
        EvidenceBlock.Observe(ref observables, row);
        observables.End();
        EventWriter.End(context, OcsfProfiles.None);
        return context.Mapped(cls);
    }
}
