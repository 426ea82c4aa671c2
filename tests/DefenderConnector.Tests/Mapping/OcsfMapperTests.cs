using System.Text;
using System.Text.Json.Nodes;
using DefenderConnector.Mapping;
using DefenderConnector.Tests.Ocsf;

namespace DefenderConnector.Tests.Mapping;

public sealed class OcsfMapperTests
{
    private static (MapResult Result, JsonObject Event) MapValid(string json, RecordKind kind = RecordKind.StreamingRecord)
    {
        var (result, bytes) = GoldenCase.Map(Encoding.UTF8.GetBytes(json), kind, "test-uid");
        var errors = OcsfValidator.Shared.Validate(bytes);
        Assert.True(errors.Count == 0, string.Join('\n', errors) + "\n" + Encoding.UTF8.GetString(bytes));
        return (result, JsonNode.Parse(bytes)!.AsObject());
    }

    [Fact]
    public void AnUnknownTableStillProducesAValidBaseEventCountedAsUnknown()
    {
        var (result, ocsf) = MapValid("""
            {"time":"2024-05-14T10:00:00Z","tenantId":"t1","category":"AdvancedHunting-SomeFutureTable","properties":{"Timestamp":"2024-05-14T09:00:00Z","Thing":42}}
            """);
        Assert.Equal(MapStatus.Unknown, result.Status);
        Assert.Equal("SomeFutureTable", result.Table);
        Assert.Equal(0, (int)ocsf["class_uid"]!);
        Assert.Equal(42, (int)ocsf["unmapped"]!["properties"]!["Thing"]!);
        Assert.Equal("test-uid", (string)ocsf["metadata"]!["uid"]!);
    }

    [Fact]
    public void PropertiesThatAreNotAnObjectStillProduceAnEvent()
    {
        var (result, ocsf) = MapValid("""{"time":"2024-05-14T10:00:00Z","category":"AdvancedHunting-DeviceProcessEvents","properties":"oops"}""");
        Assert.Equal(MapStatus.Unknown, result.Status);
        Assert.Equal("oops", (string)ocsf["unmapped"]!["properties"]!);
    }

    [Fact]
    public void ARecordThatIsNotJsonFailsWithoutWriting()
    {
        var (result, bytes) = GoldenCase.Map(Encoding.UTF8.GetBytes("{\"time\":"), RecordKind.StreamingRecord, "x");
        Assert.Equal(MapStatus.Failed, result.Status);
        Assert.NotNull(result.Detail);
        Assert.Empty(bytes);
    }

    [Fact]
    public void AnApiObjectThatIsNotAnObjectBecomesABaseEvent()
    {
        var (result, ocsf) = MapValid("[1,2]", RecordKind.GraphAlert);
        Assert.Equal(MapStatus.Unknown, result.Status);
        Assert.Equal(0, (int)ocsf["class_uid"]!);
    }

    [Theory]
    [InlineData("\"time\":\"2024-05-14T10:00:00Z\",", 1715680800000)]
    [InlineData("", 1717200000000)]
    public void WithoutTimestampTheTimeComesFromTheEnvelopeThenTheEnqueuedTime(string envelopeTime, long expected)
    {
        var (_, ocsf) = MapValid("{" + envelopeTime + """
            "category":"AdvancedHunting-DeviceProcessEvents","properties":{"DeviceId":"d1","ActionType":"ProcessCreated","ProcessId":1,"FileName":"a.exe"}}
            """);
        Assert.Equal(expected, (long)ocsf["time"]!);
    }

    [Fact]
    public void AnUnknownActionTypeIsOtherNamedAfterTheActionType()
    {
        var (_, ocsf) = MapValid("""
            {"category":"AdvancedHunting-DeviceFileEvents","properties":{"Timestamp":"2024-05-14T10:00:00Z","DeviceName":"h","ActionType":"FileTeleported","FileName":"a.txt"}}
            """);
        Assert.Equal(99, (int)ocsf["activity_id"]!);
        Assert.Equal("FileTeleported", (string)ocsf["activity_name"]!);
        Assert.Equal(100199, (long)ocsf["type_uid"]!);
    }

    [Fact]
    public void ColumnsAMapperDoesNotPlaceGoToUnmappedWithTheirOriginalValues()
    {
        var (_, ocsf) = MapValid("""
            {"category":"AdvancedHunting-DeviceProcessEvents","properties":{"Timestamp":"2024-05-14T10:00:00Z","DeviceId":"d1","ActionType":"ProcessCreated","ProcessId":"x1","AppGuardContainerId":"c","Brand-New":[1]}}
            """);
        var unmapped = ocsf["unmapped"]!.AsObject();
        Assert.Equal("x1", (string)unmapped["ProcessId"]!);
        Assert.Equal("c", (string)unmapped["AppGuardContainerId"]!);
        Assert.Equal(1, (int)unmapped["Brand-New"]![0]!);
        Assert.False(unmapped.ContainsKey("DeviceId"));
    }

    /// <summary>The same EICAR alert served by Graph, the MDE alerts API and the SIEM API: a rule keyed on these attributes matches all three.</summary>
    [Fact]
    public void TheSameAlertFromEveryApiHasTheSameKeyAttributes()
    {
        string[] paths = ["Api/Golden/GraphAlert/typical-with-evidence", "Api/Golden/LegacyEndpointAlert/with-evidence", "Api/Golden/LegacySiemAlert/file-detection"];
        RecordKind[] kinds = [RecordKind.GraphAlert, RecordKind.LegacyEndpointAlert, RecordKind.LegacySiemAlert];
        var shapes = paths.Select((path, i) =>
        {
            var input = File.ReadAllText(Path.Combine(GoldenCase.OutputRoot, path + ".input.json"));
            var (_, ocsf) = MapValid(input, kinds[i]);
            var info = ocsf["finding_info"]!;
            var file = ocsf["evidences"]!.AsArray().Select(e => e!["file"]).First(f => f is not null)!;
            return string.Join('|', ocsf["class_uid"], ocsf["activity_id"], ocsf["severity_id"], info["uid"], info["title"], info["types"]![0],
                info["product"]!["name"], info["analytic"]!["name"], ocsf["malware"]![0]!["name"], file["name"], ocsf["metadata"]!["log_name"], ocsf["metadata"]!["log_provider"]);
        }).ToList();
        Assert.Single(shapes.Distinct());
    }

    [Fact]
    public void TheManifestListsEveryClassTheGoldenEventsUse()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "manifest.json")))!;
        var listed = manifest["eventClasses"]!.AsArray().Select(c => (int)c!["uid"]!).ToHashSet();
        var used = GoldenCase.All()
            .Select(p => JsonNode.Parse(File.ReadAllText(Path.Combine(GoldenCase.OutputRoot, p.Replace(".input.json", ".ocsf.json", StringComparison.Ordinal)))))
            .Select(e => (int)e!["class_uid"]!)
            .ToHashSet();
        used.Add(0);
        Assert.Empty(used.Except(listed));
    }
}
