using System.Buffers;
using System.Text.Json;
using DefenderConnector.Encoders;
using DefenderConnector.Encoders.Ecs;

namespace DefenderConnector.Tests.Encoders;

public sealed class EcsEncoderTests
{
    private static JsonElement Encode(string json, bool original = true)
    {
        var output = new ArrayBufferWriter<byte>();
        new EcsEncoder(original).Encode(System.Text.Encoding.UTF8.GetBytes(json), output);
        return JsonDocument.Parse(output.WrittenMemory).RootElement;
    }

    [Fact]
    public void TheWholeOcsfEventIsKeptUnlessTurnedOffAndNothingElseChanges()
    {
        const string ocsf = """{"class_uid":1007,"class_name":"Process Activity","activity_id":1,"type_uid":100701,"severity_id":1,"time":1715678491000,"metadata":{"version":"1.8.0","log_name":"DeviceProcessEvents","uid":"u-1"},"device":{"hostname":"ws-1"},"unmapped":{"Extra":"kept"}}""";

        var with = Encode(ocsf);
        var without = Encode(ocsf, original: false);

        Assert.Equal(ocsf, At(with, "ocsf.original"));
        Assert.Null(At(without, "ocsf.original"));
        Assert.Equal("ws-1", At(without, "host.hostname"));
        var ocsfWith = with.GetProperty("ocsf").EnumerateObject().Select(p => p.Name).Where(n => n != "original");
        Assert.Equal(ocsfWith, without.GetProperty("ocsf").EnumerateObject().Select(p => p.Name));
        Assert.Equal(with.EnumerateObject().Select(p => p.Name), without.EnumerateObject().Select(p => p.Name));
    }

    private static string? At(JsonElement root, string path)
    {
        foreach (var part in path.Split('.'))
        {
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(part, out root))
            {
                return null;
            }
        }

        return root.ValueKind == JsonValueKind.Array ? string.Join(",", root.EnumerateArray().Select(e => e.ToString())) : root.ToString();
    }

    [Theory]
    [InlineData(1007, 1, "event", "process", "start")]
    [InlineData(1007, 2, "event", "process", "end")]
    [InlineData(1001, 1, "event", "file", "creation")]
    [InlineData(1001, 4, "event", "file", "deletion")]
    [InlineData(1001, 5, "event", "file", "change")]
    [InlineData(201001, 2, "event", "registry", "access")]
    [InlineData(201002, 2, "event", "registry", "change")]
    [InlineData(201002, 4, "event", "registry", "deletion")]
    [InlineData(4001, 1, "event", "network", "connection,start")]
    [InlineData(4001, 5, "event", "network", "connection,denied")]
    [InlineData(3002, 1, "event", "authentication", "start")]
    [InlineData(3001, 1, "event", "iam", "user,creation")]
    [InlineData(3006, 3, "event", "iam", "group,change")]
    [InlineData(4009, 2, "event", "email", "info")]
    [InlineData(2004, 1, "alert", "intrusion_detection", "info")]
    [InlineData(2005, 2, "alert", "intrusion_detection", "info")]
    [InlineData(6003, 4, "event", "web", "deletion")]
    [InlineData(0, 0, "event", null, "info")]
    public void Kind_category_and_type_follow_the_class_table(int classUid, int activityId, string kind, string? category, string types)
    {
        var root = Encode($$"""{"class_uid":{{classUid}},"activity_id":{{activityId}}}""");
        Assert.Equal(kind, At(root, "event.kind"));
        Assert.Equal(category, At(root, "event.category"));
        Assert.Equal(types, At(root, "event.type"));
    }

    [Fact]
    public void Unlisted_class_falls_back_on_its_ocsf_category()
    {
        Assert.Equal("iam", At(Encode("""{"class_uid":3005,"category_uid":3}"""), "event.category"));
    }

    [Fact]
    public void Outside_process_activity_the_actor_is_the_ecs_process()
    {
        var root = Encode("""{"class_uid":1001,"actor":{"process":{"pid":7,"name":"w.exe","parent_process":{"pid":1,"name":"p.exe"}}}}""");
        Assert.Equal("7", At(root, "process.pid"));
        Assert.Equal("p.exe", At(root, "process.parent.name"));
    }

    [Fact]
    public void Registry_path_joins_key_and_value_and_abbreviates_the_hive()
    {
        var root = Encode("""{"class_uid":201002,"reg_key":{"path":"HKEY_CURRENT_USER\\Software\\X"},"reg_value":{"name":"V","data":"d"}}""");
        Assert.Equal(@"HKEY_CURRENT_USER\Software\X\V", At(root, "registry.path"));
        Assert.Equal("HKCU", At(root, "registry.hive"));
        Assert.Equal(@"Software\X", At(root, "registry.key"));
        Assert.Equal("d", At(root, "registry.data.strings"));
    }

    [Fact]
    public void Outcome_is_set_for_activities_but_not_for_findings()
    {
        Assert.Equal("failure", At(Encode("""{"class_uid":3002,"status_id":2}"""), "event.outcome"));
        Assert.Null(At(Encode("""{"class_uid":2004,"status_id":1,"status":"New"}"""), "event.outcome"));
        Assert.Equal("New", At(Encode("""{"class_uid":2004,"status_id":1,"status":"New"}"""), "defender.status"));
    }

    [Fact]
    public void The_whole_ocsf_event_is_kept_as_text()
    {
        const string input = """{"class_uid":0,"unmapped":{"properties":{"X":1}}}""";
        Assert.Equal(input, At(Encode(input), "ocsf.original"));
    }

    [Fact]
    public void Related_collects_distinct_ips_users_hosts_and_hashes()
    {
        var root = Encode("""
            {"class_uid":4001,"device":{"ip":"10.0.0.1","name":"h"},"src_endpoint":{"ip":"10.0.0.1"},"dst_endpoint":{"ip":"10.0.0.2","hostname":"r"},
             "actor":{"user":{"name":"u"},"process":{"file":{"name":"x","hashes":[{"algorithm_id":3,"value":"abc"}]}}}}
            """);
        Assert.Equal("10.0.0.1,10.0.0.2", At(root, "related.ip"));
        Assert.Equal("h,r", At(root, "related.hosts"));
        Assert.Equal("u", At(root, "related.user"));
        Assert.Equal("abc", At(root, "related.hash"));
    }

    [Fact]
    public void Web_resources_give_the_url_and_modules_give_dll_fields()
    {
        var click = Encode("""{"class_uid":6001,"web_resources":[{"url_string":"https://a.test/x"},{"url_string":"https://b.test"}]}""");
        Assert.Equal("https://a.test/x", At(click, "url.original"));
        var load = Encode("""{"class_uid":1005,"module":{"file":{"name":"a.dll","path":"C:\\a.dll","size":5}}}""");
        Assert.Equal("a.dll", At(load, "dll.name"));
        Assert.Null(At(load, "dll.size"));
        Assert.Null(At(load, "file.name"));
    }

    [Fact]
    public void Evidence_fills_what_the_finding_lacks_but_never_overrides_it()
    {
        var root = Encode("""
            {"class_uid":2004,"device":{"uid":"own"},"evidences":[
              {"device":{"uid":"first","ip":"10.0.0.9"},"file":{"name":"a.ps1"}},
              {"file":{"name":"b.ps1"},"user":{"name":"u"}}]}
            """);
        Assert.Equal("own", At(root, "host.id"));
        Assert.Null(At(root, "host.ip"));
        Assert.Equal("10.0.0.9", At(root, "related.ip"));
        Assert.Equal("a.ps1", At(root, "file.name"));
        Assert.Equal("u", At(root, "user.name"));
    }
}
