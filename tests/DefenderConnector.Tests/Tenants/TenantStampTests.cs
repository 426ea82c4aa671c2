using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DefenderConnector.Configuration;
using DefenderConnector.Decoding;
using DefenderConnector.Encoders;
using DefenderConnector.Mapping;
using DefenderConnector.Pulling;
using DefenderConnector.Tests.Ocsf;

namespace DefenderConnector.Tests.Tenants;

/// <summary>
/// Every event of a configured tenant carries its organization label and tenant id, in OCSF (<c>metadata.tags</c>,
/// <c>metadata.tenant_uid</c>), ECS (<c>organization.name</c>, <c>organization.id</c>) and CEF
/// (<c>MicrosoftDefenderXdrOrganization</c>, <c>cs1</c>): Streaming API records of mapped and unknown tables, and
/// Graph and legacy API objects. Without a tenant none of it is written.
/// </summary>
public sealed class TenantStampTests
{
    private const string Configured = "44444444-4444-4444-4444-444444444444";
    private const string Label = "Contoso = Ltd, EU";

    public static TheoryData<string> Records()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _, _) in Samples())
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void EveryFormatCarriesTheTenant(string sample)
    {
        var (_, kind, json) = Samples().Single(s => s.Name == sample);
        var own = TenantOf(json);
        var stamp = new TenantStamp(Label, Configured);

        var ocsf = Map(json, kind, OutputFormat.Ocsf, stamp);
        Assert.Empty(OcsfValidator.Shared.Validate(Encoding.UTF8.GetBytes(ocsf)));
        var metadata = JsonNode.Parse(ocsf)!["metadata"]!;
        Assert.Equal(own ?? Configured, (string?)metadata["tenant_uid"]);
        var tag = Assert.Single(metadata["tags"]!.AsArray());
        Assert.Equal("organization", (string?)tag!["name"]);
        Assert.Equal(Label, (string?)tag["value"]);

        var ecs = JsonNode.Parse(Map(json, kind, OutputFormat.Ecs, stamp))!;
        Assert.Equal(Label, (string?)ecs["organization"]!["name"]);
        Assert.Equal(own ?? Configured, (string?)ecs["organization"]!["id"]);

        var cef = Map(json, kind, OutputFormat.Cef, stamp);
        Assert.Contains(@"MicrosoftDefenderXdrOrganization=Contoso \= Ltd, EU", cef, StringComparison.Ordinal);
        Assert.Contains($"cs1={own ?? Configured} ", cef, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void WithoutATenantNothingIsAdded(string sample)
    {
        var (_, kind, json) = Samples().Single(s => s.Name == sample);

        var metadata = JsonNode.Parse(Map(json, kind, OutputFormat.Ocsf, null))!["metadata"]!;
        Assert.Null(metadata["tags"]);
        Assert.Equal(TenantOf(json), (string?)metadata["tenant_uid"]);
        Assert.Null(JsonNode.Parse(Map(json, kind, OutputFormat.Ecs, null))!["organization"]?["name"]);
        Assert.DoesNotContain("MicrosoftDefenderXdrOrganization", Map(json, kind, OutputFormat.Cef, null), StringComparison.Ordinal);
    }

    [Fact]
    public void ATenantWithoutIdAddsOnlyTheLabel()
    {
        var (_, kind, json) = Samples().First(s => s.Name == "streaming, no tenantId");

        var metadata = JsonNode.Parse(Map(json, kind, OutputFormat.Ocsf, new TenantStamp("Northwind", null)))!["metadata"]!;
        Assert.Null(metadata["tenant_uid"]);
        Assert.Equal("Northwind", (string?)metadata["tags"]![0]!["value"]);
    }

    private static string Map(string json, RecordKind kind, OutputFormat format, TenantStamp? stamp)
    {
        var encoder = new RecordEncoder(new OcsfMapper(), EventEncoders.For(format), stamp);
        var output = new ArrayBufferWriter<byte>();
        var result = encoder.MapOne(Encoding.UTF8.GetBytes(json), new RecordOrigin(kind, "uid-1", DateTimeOffset.UnixEpoch), new IndexedMessage(), -1, output);
        Assert.NotEqual(MapStatus.Failed, result.Status);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static string? TenantOf(string json)
    {
        var node = JsonNode.Parse(json)!;
        return (string?)node["tenantId"] ?? (string?)node["aadTenantId"];
    }

    private static string SourceFolder([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    private static IEnumerable<(string Name, RecordKind Kind, string Json)> Samples()
    {
        var samples = Path.Combine(SourceFolder(), "..", "..", "..", "config", "samples");
        var records = File.ReadLines(Path.Combine(samples, "defender-records.jsonl")).Where(l => l.Length > 0).ToList();
        var process = records.First(r => r.Contains("AdvancedHunting-DeviceProcessEvents", StringComparison.Ordinal));
        yield return ("streaming, own tenantId", RecordKind.StreamingRecord, process);
        var bare = JsonNode.Parse(process)!.AsObject();
        bare.Remove("tenantId");
        yield return ("streaming, no tenantId", RecordKind.StreamingRecord, bare.ToJsonString());
        var unknown = JsonNode.Parse(process)!.AsObject();
        unknown.Remove("tenantId");
        unknown["category"] = "AdvancedHunting-SomeFutureTable";
        yield return ("streaming, unknown table (Base Event)", RecordKind.StreamingRecord, unknown.ToJsonString());
        using var graph = JsonDocument.Parse(File.ReadAllText(Path.Combine(samples, "graph-security-samples.json")));
        yield return ("graph alert", RecordKind.GraphAlert, graph.RootElement.GetProperty("alerts")[0].GetRawText());
        yield return ("graph incident", RecordKind.GraphIncident, graph.RootElement.GetProperty("incidents")[0].GetRawText());
    }
}
