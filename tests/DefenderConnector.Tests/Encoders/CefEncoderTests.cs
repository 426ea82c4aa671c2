using DefenderConnector.Encoders.Cef;

namespace DefenderConnector.Tests.Encoders;

public sealed class CefEncoderTests
{
    private static CefMessage Encode(string json) => CefParser.Parse(new CefEncoder("9.9.9").Encode(Ocsf.View(json)));

    [Fact]
    public void Signature_is_the_rule_id_for_findings_and_the_type_uid_otherwise()
    {
        Assert.Equal("rule-7", Encode("""{"class_uid":2004,"type_uid":200401,"finding_info":{"uid":"a1","analytic":{"uid":"rule-7"}}}""").SignatureId);
        Assert.Equal("200401", Encode("""{"class_uid":2004,"type_uid":200401,"finding_info":{"uid":"a1"}}""").SignatureId);
        Assert.Equal("100701", Encode("""{"class_uid":1007,"type_uid":100701}""").SignatureId);
        Assert.Equal("0", Encode("{}").SignatureId);
    }

    [Fact]
    public void Device_version_falls_back_on_the_connector_version()
    {
        Assert.Equal("9.9.9", Encode("""{"class_uid":0}""").Header[3]);
        Assert.Equal("4.2", Encode("""{"class_uid":0,"metadata":{"product":{"version":"4.2"}}}""").Header[3]);
    }

    [Fact]
    public void Process_image_fills_the_file_keys_only_for_process_activity()
    {
        const string process = "\"process\":{\"name\":\"a.exe\",\"file\":{\"name\":\"a.exe\",\"path\":\"C:\\\\a.exe\"}}";
        Assert.Equal(@"C:\a.exe", Encode("{\"class_uid\":1007," + process + "}")["filePath"]);
        Assert.Null(Encode("{\"class_uid\":1004," + process + "}")["filePath"]);
    }

    [Fact]
    public void Best_hash_prefers_sha256_then_sha1_then_md5()
    {
        var md5AndSha1 = Encode("""{"file":{"name":"f","hashes":[{"algorithm_id":1,"value":"m"},{"algorithm_id":2,"value":"s1"}]}}""");
        Assert.Equal("s1", md5AndSha1["fileHash"]);
        var md5Only = Encode("""{"file":{"name":"f","hashes":[{"algorithm_id":1,"value":"m"}]}}""");
        Assert.Equal("m", md5Only["fileHash"]);
    }

    [Fact]
    public void Outbound_and_inbound_map_to_device_direction()
    {
        Assert.Equal("1", Encode("""{"connection_info":{"direction_id":2}}""")["deviceDirection"]);
        Assert.Equal("0", Encode("""{"connection_info":{"direction_id":1}}""")["deviceDirection"]);
        Assert.Null(Encode("""{"connection_info":{"direction_id":0}}""")["deviceDirection"]);
    }

    [Fact]
    public void Finding_status_is_labelled_and_not_an_outcome()
    {
        var finding = Encode("""{"class_uid":2004,"status":"New","status_id":1}""");
        Assert.Null(finding["outcome"]);
        Assert.Equal("New", finding["flexString2"]);
        Assert.Equal("FindingStatus", finding["flexString2Label"]);
        Assert.Equal("Failure", Encode("""{"class_uid":3002,"status":"Failure","status_id":2}""")["outcome"]);
    }

    [Fact]
    public void Custom_strings_stop_at_six_and_keep_their_labels()
    {
        var parsed = Encode("""
            {"class_uid":2004,"metadata":{"tenant_uid":"t","uid":"u","log_name":"AlertInfo"},
             "attacks":[{"technique":{"uid":"T1"}}],"finding_info":{"src_url":"https://x/y"}}
            """);
        string[] expected = ["Tenant", "OcsfClass", "EventUid", "Table", "MitreTechniques", "FindingUrl"];
        Assert.Equal(expected, Enumerable.Range(1, 6).Select(i => parsed[$"cs{i}Label"] ?? string.Empty));
        Assert.Equal("T1", parsed["cs5"]);
        Assert.Null(parsed["cs7"]);
    }

    [Fact]
    public void Missing_and_empty_values_leave_their_keys_out()
    {
        var parsed = Encode("""{"class_uid":4001,"src_endpoint":{"ip":""},"dst_endpoint":{"ip":null}}""");
        Assert.Null(parsed["src"]);
        Assert.Null(parsed["dst"]);
        Assert.Equal("4001", parsed["cs2"]);
    }

    [Fact]
    public void Finding_evidence_fills_missing_keys_in_evidence_order()
    {
        var parsed = Encode("""
            {"class_uid":2004,"evidences":[{"name":"Ip","src_endpoint":{"ip":"192.0.2.1"}},
              {"file":{"name":"a.exe","hashes":[{"algorithm_id":3,"value":"h"}]},"device":{"uid":"d1"}},{"file":{"name":"b.exe"},"device":{"uid":"d2"}}]}
            """);
        Assert.Equal("192.0.2.1", parsed["src"]);
        Assert.Equal("a.exe", parsed["fname"]);
        Assert.Equal("h", parsed["fileHash"]);
        Assert.Equal("d1", parsed["deviceExternalId"]);
    }

    [Fact]
    public void Url_clicks_use_the_first_web_resource_as_request() =>
        Assert.Equal("https://a.test/?q=1", Encode("""{"class_uid":6001,"web_resources":[{"url_string":"https://a.test/?q=1"}]}""")["request"]);
}
