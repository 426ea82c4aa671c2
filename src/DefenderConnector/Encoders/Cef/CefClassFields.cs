namespace DefenderConnector.Encoders.Cef;

/// <summary>
/// The labelled custom strings: four fixed slots on every event (cs1 tenant, cs2 OCSF class, cs3
/// event uid, cs4 table), then cs5 and cs6 per class for what has no standard CEF key, and the flex strings for
/// command lines and registry data.
/// </summary>
internal static class CefClassFields
{
    public static void Fill(OcsfView e, long? classUid, CefExtension x)
    {
        x.AddCustomString(1, "Tenant", e.Chars("metadata.tenant_uid"));
        x.AddCustomString(2, "OcsfClass", e.Chars("class_uid"));
        x.AddCustomString(3, "EventUid", e.Chars("metadata.uid"));
        x.AddCustomString(4, "Table", e.Chars("metadata.log_name"));
        x.Add(OrganizationLabel.CefKey, OrganizationLabel.Of(e));
        switch (classUid)
        {
            case 2004 or 2005:
                x.AddCustomString(5, "MitreTechniques", Techniques(e));
                x.AddCustomString(6, "FindingUrl", e.Chars("finding_info.src_url") ?? e.Chars("src_url"));
                AddFlex(x, 2, "FindingStatus", e.Chars("status"));
                break;
            case 201001 or 201002:
                x.AddCustomString(5, "RegistryKey", e.Chars("reg_key.path") ?? e.Chars("reg_value.path"));
                x.AddCustomString(6, "RegistryValueName", e.Chars("reg_value.name"));
                AddFlex(x, 2, "RegistryValueData", e.Chars("reg_value.data"));
                break;
            case 3002:
                x.AddCustomString(5, "LogonType", e.Chars("logon_type"));
                x.AddCustomString(6, "AuthProtocol", e.Chars("auth_protocol"));
                break;
            case 4009:
                x.AddCustomString(5, "InternetMessageId", e.Chars("email.message_uid"));
                x.AddCustomString(6, "EmailDirection", e.Chars("direction"));
                break;
        }

        if (e.Chars("process.cmd_line") is { } commandLine)
        {
            AddFlex(x, 1, "CommandLine", commandLine);
            AddFlex(x, 2, "InitiatingCommandLine", e.Chars("actor.process.cmd_line"));
        }
        else
        {
            AddFlex(x, 1, "InitiatingCommandLine", e.Chars("actor.process.cmd_line"));
        }
    }

    /// <summary>MITRE technique ids from the event's and the finding's <c>attacks</c>, distinct, in order.</summary>
    public static string? Techniques(OcsfView e)
    {
        List<string>? ids = null;
        AddTechniques(e.Array("attacks"), ref ids);
        AddTechniques(e.Array("finding_info.attacks"), ref ids);
        return ids is null ? null : string.Join(',', ids);
    }

    private static void AddTechniques(OcsfNode.ArrayItems attacks, ref List<string>? ids)
    {
        foreach (var attack in attacks)
        {
            foreach (var step in TechniqueSteps)
            {
                if (OcsfView.Scalar(OcsfView.Find(attack, step)) is { } id && !(ids ??= []).Contains(id, StringComparer.Ordinal))
                {
                    ids.Add(id);
                }
            }
        }
    }

    private static readonly string[] TechniqueSteps = ["technique.uid", "sub_technique.uid"];

    private static readonly string[] FlexKeys = ["flexString0", "flexString1", "flexString2"];
    private static readonly string[] FlexLabelKeys = ["flexString0Label", "flexString1Label", "flexString2Label"];

    private static void AddFlex(CefExtension x, int slot, string label, ReadOnlyMemory<char>? value)
    {
        if (value is not { Length: > 0 } || x.Contains(FlexKeys[slot]))
        {
            return;
        }

        x.Add(FlexKeys[slot], value);
        x.Add(FlexLabelKeys[slot], label);
    }
}
