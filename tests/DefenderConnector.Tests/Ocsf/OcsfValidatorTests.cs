using System.Text;
using System.Text.Json.Nodes;

namespace DefenderConnector.Tests.Ocsf;

public sealed class OcsfValidatorTests
{
    // A minimal valid Process Activity: Launch, used as the base every negative case breaks once.
    private const string Valid = """
        {
          "activity_id": 1, "activity_name": "Launch", "category_uid": 1, "category_name": "System Activity",
          "class_uid": 1007, "class_name": "Process Activity", "type_uid": 100701, "type_name": "Process Activity: Launch",
          "severity_id": 1, "severity": "Informational", "time": 1732000000000,
          "metadata": { "version": "1.8.0", "uid": "e1", "product": { "name": "Microsoft Defender XDR", "vendor_name": "Microsoft" } },
          "actor": { "process": { "pid": 10, "name": "cmd.exe" } },
          "device": { "type_id": 0, "hostname": "ws-01.contoso.test" },
          "process": { "pid": 11, "name": "whoami.exe" },
          "observables": [ { "name": "device.hostname", "type_id": 1, "value": "ws-01.contoso.test" } ],
          "unmapped": { "anything": { "goes": [1, "x"] } }
        }
        """;

    private static IReadOnlyList<string> Validate(string json) => OcsfValidator.Shared.Validate(Encoding.UTF8.GetBytes(json));

    private static string Mutate(Action<JsonObject> change)
    {
        var node = JsonNode.Parse(Valid)!.AsObject();
        change(node);
        return node.ToJsonString();
    }

    [Fact]
    public void AcceptsAValidEvent() => Assert.Empty(Validate(Valid));

    [Fact]
    public void AcceptsSiblingsThatMatchTheirEnums()
    {
        var (_, warnings) = OcsfValidator.Shared.ValidateWithWarnings(Encoding.UTF8.GetBytes(Valid));
        Assert.DoesNotContain(warnings, w => w.StartsWith("attribute_enum_sibling", StringComparison.Ordinal));
    }

    [Fact]
    public void WarnsOnAWrongSibling()
    {
        var (_, warnings) = OcsfValidator.Shared.ValidateWithWarnings(Encoding.UTF8.GetBytes(Mutate(e => e["activity_name"] = "Terminate")));
        Assert.Contains(warnings, w => w.StartsWith("attribute_enum_sibling_incorrect: activity_id", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("class_uid", "424242", "class_uid_unknown")]
    [InlineData("class_uid", "\"1007\"", "attribute_wrong_type: class_uid")]
    [InlineData("type_uid", "100702", "type_uid_incorrect")]
    [InlineData("activity_id", "42", "attribute_enum_value_unknown: activity_id")]
    [InlineData("severity_id", "\"1\"", "attribute_wrong_type: severity_id")]
    [InlineData("time", "\"2024-01-01T00:00:00Z\"", "attribute_wrong_type: time")]
    [InlineData("not_an_ocsf_attribute", "1", "attribute_unknown: not_an_ocsf_attribute")]
    [InlineData("process", "[]", "attribute_wrong_type: process")]
    [InlineData("observables", "{}", "attribute_wrong_type: observables")]
    public void ReportsABadTopLevelValue(string attribute, string json, string expected)
    {
        var errors = Validate(Mutate(e => e[attribute] = JsonNode.Parse(json)));
        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("severity_id", "attribute_required_missing: severity_id")]
    [InlineData("metadata", "attribute_required_missing: metadata")]
    [InlineData("actor", "attribute_required_missing: actor")]
    public void ReportsAMissingRequiredAttribute(string attribute, string expected)
    {
        var errors = Validate(Mutate(e => e.Remove(attribute)));
        Assert.Contains(expected, errors);
    }

    [Fact]
    public void ReportsARequiredAttributeMissingInsideAnObject()
    {
        var errors = Validate(Mutate(e => e["device"]!.AsObject().Remove("type_id")));
        Assert.Contains("attribute_required_missing: device.type_id", errors);
    }

    [Fact]
    public void ReportsAnObjectConstraint()
    {
        var errors = Validate(Mutate(e => e["process"] = new JsonObject { ["name"] = "x.exe" }));
        Assert.Contains(errors, e => e.StartsWith("constraint_failed: process at_least_one(pid", StringComparison.Ordinal));
    }

    [Fact]
    public void ReportsAClassConstraint()
    {
        var json = """
            {"activity_id":1,"activity_name":"Open","category_uid":4,"class_uid":4001,"type_uid":400101,"severity_id":1,"time":1,
             "metadata":{"version":"1.8.0","product":{"name":"p"}}}
            """;
        Assert.Contains("constraint_failed: <event> at_least_one(dst_endpoint, src_endpoint)", Validate(json));
    }

    [Fact]
    public void ReportsAProfileGatedAttributeUsedWithoutItsProfile()
    {
        var json = """
            {"activity_id":1,"category_uid":4,"class_uid":4001,"type_uid":400101,"severity_id":1,"time":1,
             "metadata":{"version":"1.8.0","product":{"name":"p"}},
             "src_endpoint":{"ip":"10.0.0.1"},"device":{"type_id":0,"name":"d"}}
            """;
        Assert.Contains("attribute_unknown: device", Validate(json));
        Assert.Empty(Validate(json.Replace("\"product\":{\"name\":\"p\"}", "\"product\":{\"name\":\"p\"},\"profiles\":[\"host\"]", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("[\"no_such_profile\"]", "profile_unknown: no_such_profile")]
    public void ReportsAnUnknownProfile(string profiles, string expected)
    {
        var errors = Validate(Mutate(e => e["metadata"]!["profiles"] = JsonNode.Parse(profiles)));
        Assert.Contains(expected, errors);
    }

    [Theory]
    [InlineData("9.0.0", "version_incompatible_later")]
    [InlineData("1.8.0-rc.1", "version_incompatible_prerelease")]
    [InlineData("0.9.0", "version_incompatible_initial_development")]
    public void ReportsAnIncompatibleVersion(string version, string expected)
    {
        var errors = Validate(Mutate(e => e["metadata"]!["version"] = version));
        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void AcceptsAnEarlierReleasedVersionWithAWarning()
    {
        var (errors, warnings) = OcsfValidator.Shared.ValidateWithWarnings(Encoding.UTF8.GetBytes(Mutate(e => e["metadata"]!["version"] = "1.7.0")));
        Assert.Empty(errors);
        Assert.Contains("version_earlier: 1.7.0", warnings);
    }

    [Theory]
    [InlineData("""{"src_endpoint":{"ip":"10.0.0.1","port":70000}}""", "attribute_value_exceeds_range: src_endpoint.port")]
    [InlineData("""{"src_endpoint":{"ip":"2001:0db8:85a3:0000:0000:8a2e:0370:7334:0000:0000:0000"}}""", "attribute_value_exceeds_max_len: src_endpoint.ip")]
    [InlineData("""{"src_endpoint":{"ip":"10.0.0.1"},"connection_info":{"direction_id":1,"protocol_num":3000000000}}""", "attribute_wrong_type: connection_info.protocol_num")]
    public void ReportsPrimitiveLimits(string extra, string expected)
    {
        var json = """
            {"activity_id":1,"category_uid":4,"class_uid":4001,"type_uid":400101,"severity_id":1,"time":1,
             "metadata":{"version":"1.8.0","product":{"name":"p"}}
            """ + "," + extra[1..];
        Assert.Contains(Validate(json), e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""[{"name":"device.no_such","type_id":1,"value":"x"}]""", "observable_name_invalid_reference")]
    [InlineData("""[{"name":"device.hostname","type_id":4242,"value":"ws-01.contoso.test"}]""", "observable_type_id_unknown")]
    [InlineData("""[{"name":"device.hostname","type_id":1,"value":"other"}]""", "observable_value_mismatch")]
    [InlineData("""[{"name":"device.hostname","value":"ws-01.contoso.test"}]""", "attribute_required_missing: observables[0].type_id")]
    public void ReportsBadObservables(string observables, string expected)
    {
        var errors = Validate(Mutate(e => e["observables"] = JsonNode.Parse(observables)));
        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void ReportsAnEnumArrayWithoutItsSibling()
    {
        var json = """
            {"activity_id":1,"category_uid":2,"class_uid":2004,"type_uid":200401,"severity_id":1,"time":1,
             "metadata":{"version":"1.8.0","product":{"name":"p"}},"finding_info":{"uid":"f"},
             "malware":[{"name":"EICAR","classification_ids":[1]}]}
            """;
        Assert.Contains("attribute_enum_array_sibling_missing: malware[0].classification_ids needs classifications", Validate(json));
    }

    [Fact]
    public void RejectsSomethingThatIsNotJson() =>
        Assert.Contains(Validate("{\"class_uid\":"), e => e.StartsWith("not_json", StringComparison.Ordinal));
}
