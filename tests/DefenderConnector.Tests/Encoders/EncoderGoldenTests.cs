using DefenderConnector.Encoders.Cef;
using DefenderConnector.Encoders.Ecs;

namespace DefenderConnector.Tests.Encoders;

public sealed class EncoderGoldenTests
{
    public static TheoryData<string> Cases() => new(GoldenFiles.Cases());

    [Fact]
    public void Every_class_of_the_proposed_mapping_has_a_golden_case()
    {
        var cases = GoldenFiles.Cases().ToArray();
        foreach (var name in new[] { "process_launch", "file_rename", "registry_value_set", "network_open", "authentication_failed", "email_inbound", "detection_finding", "incident_finding", "base_event", "detection_finding_evidence", "module_load" })
        {
            Assert.Contains(name, cases);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Cef_matches_golden(string name)
    {
        var actual = GoldenFiles.Encode(new CefEncoder("0.1.0"), GoldenFiles.Input(name));

        Assert.DoesNotContain('\n', actual);
        Assert.DoesNotContain('\r', actual);
        Assert.Equal(GoldenFiles.Expect(name + ".cef.txt", actual), actual);
        CefParser.Parse(actual);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Ecs_matches_golden(string name)
    {
        var actual = GoldenFiles.Encode(new EcsEncoder(), GoldenFiles.Input(name));

        Assert.DoesNotContain('\n', actual);
        var indented = GoldenFiles.Indented(actual);
        Assert.Equal(GoldenFiles.Expect(name + ".ecs.json", indented), indented);
    }
}
