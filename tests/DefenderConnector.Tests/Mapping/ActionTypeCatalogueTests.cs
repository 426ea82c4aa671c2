using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DefenderConnector.Mapping;
using DefenderConnector.Mapping.Device;
using DefenderConnector.Tests.Ocsf;

namespace DefenderConnector.Tests.Mapping;

/// <summary>
/// The ActionType catalogue (<c>ActionTypeCatalogue.tsv</c>, the README's table): every documented
/// ActionType of every table that dispatches on ActionType maps to its OCSF class and activity, never to
/// Base Event, and the event validates against OCSF 1.8.0. The mapper's DeviceEvents list and the
/// catalogue cannot drift apart, and an undocumented ActionType is reported by name.
/// </summary>
public sealed class ActionTypeCatalogueTests
{
    private static readonly string CataloguePath = Path.Combine(GoldenCase.OutputRoot, "ActionTypeCatalogue.tsv");

    public static TheoryData<string, string, int, int> Entries()
    {
        var data = new TheoryData<string, string, int, int>();
        foreach (var (table, action, classUid, activity) in Read())
        {
            data.Add(table, action, classUid, activity);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public void EveryCataloguedActionTypeMapsToItsClassNeverBaseEvent(string table, string action, int classUid, int activity)
    {
        var (result, json) = GoldenCase.Map(Record(table, action), RecordKind.StreamingRecord, $"catalogue-{table}-{action}");

        var ocsf = JsonNode.Parse(json)!;
        Assert.Equal(MapStatus.Mapped, result.Status);
        Assert.Null(result.UndocumentedActionType);
        Assert.NotEqual(0, (int)ocsf["class_uid"]!);
        Assert.Equal(classUid, (int)ocsf["class_uid"]!);
        Assert.Equal(activity, (int)ocsf["activity_id"]!);
        if (activity == 99)
        {
            // Other keeps the source name, so a rule can still select the exact ActionType.
            Assert.NotEqual("Other", (string?)ocsf["activity_name"]);
        }

        var (errors, warnings) = OcsfValidator.Shared.ValidateWithWarnings(json);
        Assert.True(errors.Count == 0, $"{table}/{action}: OCSF errors:\n{string.Join('\n', errors)}\n{Encoding.UTF8.GetString(json)}");
        Assert.DoesNotContain(warnings, w => w.StartsWith("attribute_enum_sibling", StringComparison.Ordinal));
    }

    [Fact]
    public void TheMappersDeviceEventsListIsTheCatalogue()
    {
        var catalogued = Read().Where(e => e.Table == "DeviceEvents").Select(e => e.Action).ToHashSet(StringComparer.Ordinal);
        var routed = DeviceEventsCatalogue.All.Keys.ToHashSet(StringComparer.Ordinal);

        Assert.Empty(routed.Except(catalogued));
        Assert.Empty(catalogued.Except(routed));
    }

    [Fact]
    public void TheReadmeTableListsEveryCataloguedActionType()
    {
        var readme = File.ReadAllText(Path.Combine(RepoRoot(), "src", "DefenderConnector", "Mapping", "README.md"));
        var missing = Read().Where(e => !readme.Contains(e.Action, StringComparison.Ordinal)).Select(e => $"{e.Table}/{e.Action}").ToList();

        Assert.True(missing.Count == 0, $"not in the README's catalogue: {string.Join(", ", missing)}");
    }

    [Theory]
    [InlineData("ContosoFutureTelemetryEvent")]
    [InlineData("")]
    public void AnUndocumentedDeviceEventsActionTypeIsABaseEventReportedByName(string action)
    {
        var (result, json) = GoldenCase.Map(Record("DeviceEvents", action), RecordKind.StreamingRecord, "catalogue-undocumented");

        Assert.Equal(0, (int)JsonNode.Parse(json)!["class_uid"]!);
        Assert.Equal(action.Length == 0 ? "(none)" : action, result.UndocumentedActionType);
        Assert.Empty(OcsfValidator.Shared.Validate(json));
    }

    [Theory]
    [InlineData("AsrFutureRuleBlocked", 2004)]
    [InlineData("ExploitGuardFutureMitigationAudited", 2004)]
    [InlineData("FirewallFutureConnectionBlocked", 4001)]
    [InlineData("FutureRemoteApiCall", 1007)]
    public void ANewMemberOfADocumentedGroupIsClassedByTheGroupsNamingConvention(string action, int classUid)
    {
        var (result, json) = GoldenCase.Map(Record("DeviceEvents", action), RecordKind.StreamingRecord, "catalogue-convention");

        Assert.Null(result.UndocumentedActionType);
        Assert.Equal(classUid, (int)JsonNode.Parse(json)!["class_uid"]!);
        Assert.Empty(OcsfValidator.Shared.Validate(json));
    }

    private static IEnumerable<(string Table, string Action, int ClassUid, int Activity)> Read() =>
        File.ReadLines(CataloguePath)
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line.Split('\t'))
            .Select(f => (f[0], f[1], int.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>A realistic row of <paramref name="table"/> with the columns and AdditionalFields keys the writers read.</summary>
    private static byte[] Record(string table, string action)
    {
        var additional = new JsonObject
        {
            ["GroupName"] = "Administrators", ["GroupDomainName"] = "BUILTIN", ["GroupSid"] = "S-1-5-32-544",
            ["ServiceName"] = "ContosoUpdater", ["ServiceAccount"] = "LocalSystem", ["Scan ID"] = "{5E1C7B2A-0D4F-4C1E-9B7A-2F3D4E5A6B7C}",
            ["PipeName"] = "\\Device\\NamedPipe\\contoso", ["ShareName"] = "\\\\*\\ADMIN$", ["ObjectName"] = "CN=svc-backup,OU=Service,DC=corp,DC=contoso,DC=test",
            ["Command"] = "Get-Process", ["Content"] = "Write-Output 1", ["TaskName"] = "\\Contoso\\Update", ["DnsQueryString"] = "intranet.contoso.test",
            ["ProductName"] = "USB Flash", ["IsAudit"] = false,
        };
        var properties = new JsonObject
        {
            ["Timestamp"] = "2024-05-14T09:56:00.0000000Z",
            ["DeviceId"] = "5c9e2f0a7b4d41e3a8f6c1d2e3b4a5f60718293a",
            ["DeviceName"] = "ws-fin-0042.corp.contoso.test",
            ["ActionType"] = action,
            ["FileName"] = "payload.dll",
            ["FolderPath"] = "C:\\Users\\a.moreau\\AppData\\Local\\Temp\\payload.dll",
            ["SHA256"] = "643ec58e82e0272c97c2a59f6020970d881af19c0ad5029db9c958c13b6558c7",
            ["ProcessId"] = 700,
            ["ProcessCommandLine"] = "C:\\Windows\\system32\\lsass.exe",
            ["ProcessCreationTime"] = "2024-05-14T07:00:59.0000000Z",
            ["AccountDomain"] = "corp",
            ["AccountName"] = "svc-backup",
            ["AccountSid"] = "S-1-5-21-1004336348-1177238915-682003330-1500",
            ["AccountUpn"] = "svc-backup@contoso.test",
            ["LocalIP"] = "10.1.2.3",
            ["LocalPort"] = 49731,
            ["RemoteIP"] = "203.0.113.10",
            ["RemotePort"] = 443,
            ["RemoteUrl"] = "https://cdn.contoso.test/u",
            ["Protocol"] = "Tcp",
            ["IPAddress"] = "203.0.113.10",
            ["LogonType"] = "Network",
            ["RegistryKey"] = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso",
            ["RegistryValueName"] = "Run",
            ["RegistryValueData"] = "payload.exe",
            ["ObjectName"] = "Quarterly.xlsx",
            ["Application"] = "Microsoft SharePoint Online",
            ["InitiatingProcessAccountDomain"] = "corp",
            ["InitiatingProcessAccountName"] = "a.moreau",
            ["InitiatingProcessAccountSid"] = "S-1-5-21-1004336348-1177238915-682003330-1121",
            ["InitiatingProcessFileName"] = "powershell.exe",
            ["InitiatingProcessFolderPath"] = "c:\\windows\\system32\\windowspowershell\\v1.0\\powershell.exe",
            ["InitiatingProcessId"] = 5120,
            ["InitiatingProcessCommandLine"] = "powershell.exe -ExecutionPolicy Bypass",
            ["InitiatingProcessCreationTime"] = "2024-05-14T09:40:11.0000000Z",
            ["InitiatingProcessParentId"] = 4410,
            ["InitiatingProcessParentFileName"] = "explorer.exe",
            ["ReportId"] = 6003,
            ["AdditionalFields"] = additional.ToJsonString(),
        };
        var record = new JsonObject
        {
            ["time"] = "2024-05-14T10:00:00.0000000Z",
            ["tenantId"] = "3f2b6c1e-8d4a-4b7e-9a51-0c2d7e6f1a90",
            ["category"] = $"AdvancedHunting-{table}",
            ["properties"] = properties,
        };
        return JsonSerializer.SerializeToUtf8Bytes(record);
    }

    private static string RepoRoot([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", ".."));
}
