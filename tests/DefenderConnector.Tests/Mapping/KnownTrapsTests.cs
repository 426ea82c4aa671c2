using System.Text.Json.Nodes;

namespace DefenderConnector.Tests.Mapping;

/// <summary>
/// The traps other Defender mappers fell into, pinned over the golden cases (each also a golden file):
/// the two e-mail ids (elastic/integrations#12530), a process's own command line (#8524), who is actor
/// and who target in DeviceEvents (SEKOIA-IO/intake-formats#1322/#1324), and Defender's own ids as
/// first-class fields a response action can use.
/// </summary>
public sealed class KnownTrapsTests
{
    private static readonly (string Column, string[] Paths)[] Ids =
    [
        ("DeviceId", ["device.uid", "evidences[].device.uid"]),
        ("ReportId", ["metadata.original_event_uid"]),
        ("NetworkMessageId", ["email.uid", "evidences[].email.uid", "metadata.correlation_uid"]),
        ("AlertId", ["finding_info.uid"]),
        ("incidentId", ["ticket.uid"]),
        ("IncidentId", ["ticket.uid"]),
    ];

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var item in GoldenCase.All())
        {
            data.Add(item);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void DefendersOwnIdsAreFirstClassFields(string relativeInput)
    {
        var (input, ocsf) = Load(relativeInput);
        var source = input["properties"] as JsonObject ?? input;
        foreach (var (column, paths) in Ids)
        {
            if (source[column] is not JsonValue value || value.ToString().Length == 0)
            {
                continue;
            }

            // An incident's own id is the uid of the object it came from (Incident Finding has no finding_info); an alert's incidentId is its ticket.
            var where = column.Equals("incidentId", StringComparison.OrdinalIgnoreCase) && (int)ocsf["class_uid"]! == 2005 ? ["metadata.original_event_uid"] : paths;
            var found = where.SelectMany(p => Values(ocsf, p)).ToList();
            Assert.True(found.Contains(value.ToString()), $"{relativeInput}: {column} {value} is not at {string.Join(" or ", where)} (found: {string.Join(", ", found)})");
            Assert.False(ocsf["unmapped"]?[column] is not null, $"{relativeInput}: {column} was left in unmapped");
        }
    }

    [Fact]
    public void NetworkMessageIdIsEmailUidAndInternetMessageIdIsMessageUid()
    {
        var checkedCases = 0;
        foreach (var relativeInput in GoldenCase.All())
        {
            var (input, ocsf) = Load(relativeInput);
            if (input["properties"]?["InternetMessageId"] is not JsonValue internetId || ocsf["email"] is null)
            {
                continue;
            }

            Assert.Equal(internetId.ToString(), (string?)ocsf["email"]!["message_uid"]);
            Assert.Equal(input["properties"]!["NetworkMessageId"]!.ToString(), (string?)ocsf["email"]!["uid"]);
            checkedCases++;
        }

        Assert.True(checkedCases >= 2, $"only {checkedCases} golden cases carry both e-mail ids");
    }

    [Fact]
    public void AProcessCommandLineIsItsOwnNeverItsParentsOrInitiators()
    {
        var checkedCases = 0;
        foreach (var relativeInput in GoldenCase.All().Where(p => p.Contains("/DeviceProcessEvents/", StringComparison.Ordinal) || p.Contains("/CloudProcessEvents/", StringComparison.Ordinal)))
        {
            var (input, ocsf) = Load(relativeInput);
            var row = input["properties"]!;
            Assert.Equal(row["ProcessCommandLine"]?.ToString(), (string?)ocsf["process"]?["cmd_line"]);
            if (row["InitiatingProcessCommandLine"] is not null)
            {
                Assert.Equal(row["InitiatingProcessCommandLine"]!.ToString(), (string?)ocsf["actor"]?["process"]?["cmd_line"]);
            }

            Assert.Null(ocsf["actor"]?["process"]?["parent_process"]?["cmd_line"]);
            checkedCases++;
        }

        var (ownless, ownlessOcsf) = Load("Device/Golden/DeviceProcessEvents/no-own-command-line.input.json");
        Assert.Null(ownless["properties"]!["ProcessCommandLine"]);
        Assert.Null(ownlessOcsf["process"]!["cmd_line"]);
        Assert.NotNull(ownlessOcsf["actor"]!["process"]!["cmd_line"]);
        Assert.True(checkedCases >= 3);
    }

    [Theory]
    // ActionType golden, does the row's own process (ProcessId) become `process` (true) or is `process` the initiating process (false)?
    [InlineData("process-injection", true)]
    [InlineData("process-created-using-wmi", true)]
    [InlineData("read-process-memory-lsass", true)]
    [InlineData("ldap-search", false)]
    public void InDeviceEventsTheActorAndTargetDependOnTheActionType(string golden, bool rowProcessIsTarget)
    {
        var (input, ocsf) = Load($"Device/Golden/DeviceEvents/{golden}.input.json");
        var row = input["properties"]!;
        var initiating = (int)row["InitiatingProcessId"]!;

        if (rowProcessIsTarget)
        {
            Assert.Equal((int)row["ProcessId"]!, (int)ocsf["process"]!["pid"]!);
            Assert.Equal(row["ProcessCommandLine"]!.ToString(), (string?)ocsf["process"]!["cmd_line"]);
            Assert.Equal(initiating, (int)ocsf["actor"]!["process"]!["pid"]!);
        }
        else
        {
            Assert.Equal(initiating, (int)ocsf["process"]!["pid"]!);
            Assert.Equal(row["InitiatingProcessCommandLine"]!.ToString(), (string?)ocsf["process"]!["cmd_line"]);
            Assert.Null(ocsf["actor"]!["process"]);
            Assert.Equal(row["InitiatingProcessAccountName"]!.ToString(), (string?)ocsf["actor"]!["user"]!["name"]);
        }
    }

    [Fact]
    public void InLocalAccountEventsTheAccountColumnsAreTheChangedAccountNotTheActor()
    {
        var (input, ocsf) = Load("Device/Golden/DeviceEvents/user-added-to-local-group.input.json");

        Assert.Equal(input["properties"]!["AccountName"]!.ToString(), (string?)ocsf["user"]!["name"]);
        Assert.Equal(input["properties"]!["InitiatingProcessAccountName"]!.ToString(), (string?)ocsf["actor"]!["user"]!["name"]);
        Assert.Equal("Administrators", (string?)ocsf["group"]!["name"]);
    }

    private static (JsonNode Input, JsonNode Ocsf) Load(string relativeInput)
    {
        var table = GoldenCase.TableOf(relativeInput);
        var name = Path.GetFileName(relativeInput).Replace(".input.json", string.Empty, StringComparison.Ordinal);
        var bytes = File.ReadAllBytes(Path.Combine(GoldenCase.OutputRoot, relativeInput));
        var (_, json) = GoldenCase.Map(bytes, GoldenCase.KindOf(table), $"golden-{table}-{name}");
        return (JsonNode.Parse(bytes)!, JsonNode.Parse(json)!);
    }

    // Values at a dotted path; "name[]" walks every element of an array.
    private static IEnumerable<string> Values(JsonNode? node, string path)
    {
        IEnumerable<JsonNode?> current = [node];
        foreach (var part in path.Split('.'))
        {
            current = part.EndsWith("[]", StringComparison.Ordinal)
                ? current.SelectMany(n => n?[part[..^2]] is JsonArray a ? a : [])
                : current.Select(n => n is JsonObject o ? o[part] : null);
        }

        return current.Where(n => n is JsonValue).Select(n => n!.ToString());
    }
}
