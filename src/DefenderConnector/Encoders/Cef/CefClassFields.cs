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
        x.AddCustomString(1, "Tenant", e.Text("metadata.tenant_uid"));
        x.AddCustomString(2, "OcsfClass", e.Text("class_uid"));
        x.AddCustomString(3, "EventUid", e.Text("metadata.uid"));
        x.AddCustomString(4, "Table", e.Text("metadata.log_name"));
        switch (classUid)
        {
            case 2004 or 2005:
                x.AddCustomString(5, "MitreTechniques", Techniques(e));
                x.AddCustomString(6, "FindingUrl", e.Text("finding_info.src_url") ?? e.Text("src_url"));
                AddFlex(x, 2, "FindingStatus", e.Text("status"));
                break;
            case 201001 or 201002:
                x.AddCustomString(5, "RegistryKey", e.Text("reg_key.path") ?? e.Text("reg_value.path"));
                x.AddCustomString(6, "RegistryValueName", e.Text("reg_value.name"));
                AddFlex(x, 2, "RegistryValueData", e.Text("reg_value.data"));
                break;
            case 3002:
                x.AddCustomString(5, "LogonType", e.Text("logon_type"));
                x.AddCustomString(6, "AuthProtocol", e.Text("auth_protocol"));
                break;
            case 4009:
                x.AddCustomString(5, "InternetMessageId", e.Text("email.message_uid"));
                x.AddCustomString(6, "EmailDirection", e.Text("direction"));
                break;
        }

        if (e.Text("process.cmd_line") is { } commandLine)
        {
            AddFlex(x, 1, "CommandLine", commandLine);
            AddFlex(x, 2, "InitiatingCommandLine", e.Text("actor.process.cmd_line"));
        }
        else
        {
            AddFlex(x, 1, "InitiatingCommandLine", e.Text("actor.process.cmd_line"));
        }
    }

    /// <summary>MITRE technique ids from the event's and the finding's <c>attacks</c>, distinct, in order.</summary>
    public static string? Techniques(OcsfView e)
    {
        var ids = e.Array("attacks").Concat(e.Array("finding_info.attacks"))
            .SelectMany(a => new[] { OcsfView.Scalar(OcsfView.Find(a, "technique.uid")), OcsfView.Scalar(OcsfView.Find(a, "sub_technique.uid")) })
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        return ids.Length == 0 ? null : string.Join(',', ids);
    }

    private static void AddFlex(CefExtension x, int slot, string label, string? value)
    {
        if (string.IsNullOrEmpty(value) || x.Contains($"flexString{slot}"))
        {
            return;
        }

        x.Add($"flexString{slot}", value);
        x.Add($"flexString{slot}Label", label);
    }
}
