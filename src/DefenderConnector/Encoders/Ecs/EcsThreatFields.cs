namespace DefenderConnector.Encoders.Ecs;

/// <summary>
/// <c>threat.*</c> from OCSF <c>attacks</c> (the event's and the finding's), <c>rule.*</c> from the
/// finding's analytic, and the finding and incident facts ECS has no field for under <c>defender.*</c>.
/// </summary>
internal static class EcsThreatFields
{
    public static void Fill(OcsfView e, EcsDocument d)
    {
        // The event's attacks, then the finding's. The finding is found once and read from there.
        var findingInfo = e.Element("finding_info");
        var any = AddAttacks(e.Array("attacks"), d);
        any |= AddAttacks(OcsfView.Items(OcsfView.Find(findingInfo, "attacks")), d);
        if (any)
        {
            d.Set("threat.framework", "MITRE ATT&CK");
        }

        // An analytic with a uid is a detection rule; without one its name is only the detection
        // source (EDR, Antivirus...), so the finding's title names the rule and the source is the ruleset.
        var analytic = OcsfView.Find(findingInfo, "analytic");
        var ruleUid = OcsfView.CharsAt(analytic, "uid");
        d.Set("rule.id", ruleUid);
        d.Set("rule.name", ruleUid is null ? OcsfView.CharsAt(findingInfo, "title") : OcsfView.CharsAt(analytic, "name"));
        d.Set("rule.ruleset", ruleUid is null ? OcsfView.CharsAt(analytic, "name") : null);
        d.Set("rule.category", OcsfView.CharsAt(analytic, "category"));
        d.Set("rule.description", OcsfView.CharsAt(findingInfo, "desc"));
        d.Set("defender.finding.uid", OcsfView.CharsAt(findingInfo, "uid"));
        d.Set("defender.finding.title", OcsfView.CharsAt(findingInfo, "title"));
        d.Set("defender.status", EcsCategories.IsFinding(e.Long("class_uid")) ? e.Chars("status") : null);
        d.Set("defender.verdict", e.Chars("verdict"));
        d.Set("defender.disposition", e.Chars("disposition") ?? e.Chars("action"));
        foreach (var malware in e.Array("malware"))
        {
            d.Add("threat.software.name", OcsfView.CharsAt(malware, "name"));
        }

        EcsEntityFields.FillUser(e, "assignee", "defender.assignee", d);
        foreach (var finding in e.Array("finding_info_list"))
        {
            d.Add("defender.incident.alert_ids", OcsfView.CharsAt(finding, "uid"));
        }
    }

    /// <returns>Whether there was an attack.</returns>
    private static bool AddAttacks(OcsfNode.ArrayItems attacks, EcsDocument d)
    {
        var any = false;
        foreach (var attack in attacks)
        {
            any = true;
            d.Add("threat.technique.id", OcsfView.CharsAt(attack, "technique.uid"));
            d.Add("threat.technique.name", OcsfView.CharsAt(attack, "technique.name"));
            d.Add("threat.technique.subtechnique.id", OcsfView.CharsAt(attack, "sub_technique.uid"));
            d.Add("threat.technique.subtechnique.name", OcsfView.CharsAt(attack, "sub_technique.name"));
            d.Add("threat.tactic.id", OcsfView.CharsAt(attack, "tactic.uid"));
            d.Add("threat.tactic.name", OcsfView.CharsAt(attack, "tactic.name"));
            foreach (var tactic in OcsfView.Items(OcsfView.Find(attack, "tactics")))
            {
                d.Add("threat.tactic.id", OcsfView.CharsAt(tactic, "uid"));
                d.Add("threat.tactic.name", OcsfView.CharsAt(tactic, "name"));
            }
        }

        return any;
    }
}
