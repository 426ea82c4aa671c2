namespace DefenderConnector.Encoders.Ecs;

/// <summary>
/// A finding names its device, files, processes, users and addresses in <c>evidences</c>. Each
/// evidence is read like an event of its own; the first value set for a field wins, so what the
/// finding itself carries comes first, and <c>related.*</c> gathers every evidence.
/// </summary>
internal static class EcsEvidenceFields
{
    public static void Fill(OcsfView e, EcsDocument d)
    {
        foreach (var evidence in e.Array("evidences"))
        {
            var view = new OcsfView(evidence);
            EcsEntityFields.Fill(view, d, evidence: true);
            EcsNetworkFields.Fill(view, d);
        }
    }
}
