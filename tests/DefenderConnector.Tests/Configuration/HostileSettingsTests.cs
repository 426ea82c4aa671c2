using System.Diagnostics;
using DefenderConnector.Abstractions;
using DefenderConnector.Configuration;

namespace DefenderConnector.Tests.Configuration;

/// <summary>
/// Settings that used to pass validation and then crash, crash validation itself, hang it, or echo a
/// secret: each is one problem naming its setting, and no secret appears in any message.
/// </summary>
public sealed class HostileSettingsTests : IDisposable
{
    private static readonly string Key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private static readonly string GraphSecret = "Xy7Q~" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)).Replace('+', 'a').Replace('/', 'b').TrimEnd('=');
    private readonly string _folder = Directory.CreateTempSubdirectory("dc-settings-").FullName;

    public static TheoryData<string, string, string> Cases => new()
    {
        // name, JSON fragment added to a valid eventHub section (or a whole section), setting expected in the message
        { "numeric output format", "\"output\": { \"format\": \"7\" }", "output.format" },
        { "negative numeric output format", "\"output\": { \"format\": \"-1\" }", "output.format" },
        { "NaN duration", "\"eventHub\": { \"pullInterval\": \"NaN\" }", "eventHub.pullInterval" },
        { "Infinity duration", "\"eventHub\": { \"maxPullDuration\": \"Infinitys\" }", "eventHub.maxPullDuration" },
        { "pull interval of 1 ms", "\"eventHub\": { \"pullInterval\": \"1ms\" }", "eventHub.pullInterval" },
        { "pull interval of 0.5 s", "\"eventHub\": { \"pullInterval\": 0.5 }", "eventHub.pullInterval" },
        { "NUL in the output path", "\"output\": { \"path\": \"out/a\\u0000b.jsonl\" }", "output.path" },
        { "NUL in the state path", "\"state\": { \"path\": \"st\\u0000ate.db\" }", "state.path" },
        { "NUL in a secret file path", "\"eventHub\": { \"sasKey\": \"file:k\\u0000ey\" }", "eventHub.sasKey" },
        { "NUL in a certificate path", "\"eventHub\": { \"trustedCertificate\": \"c\\u0000ert.pem\" }", "eventHub.trustedCertificate" },
        { "state path is a folder", "\"state\": { \"path\": \"FOLDER\" }", "state.path" },
        { "output path is a folder", "\"output\": { \"path\": \"FOLDER\" }", "output.path" },
        { "secret file is a folder", "\"eventHub\": { \"sasKey\": \"file:FOLDER\" }", "eventHub.sasKey" },
        { "secret file is a FIFO", "\"eventHub\": { \"sasKey\": \"file:FIFO\" }", "eventHub.sasKey" },
        { "secret file is /dev/zero", "\"eventHub\": { \"sasKey\": \"file:/dev/zero\" }", "eventHub.sasKey" },
        { "secret file is too large", "\"eventHub\": { \"sasKey\": \"file:BIG\" }", "eventHub.sasKey" },
        { "connection string pasted into namespace", "\"eventHub\": { \"namespace\": \"Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=KEY\" }", "eventHub.namespace" },
        { "key pasted into hubName", "\"eventHub\": { \"hubName\": \"KEY/x\" }", "eventHub.hubName" },
        { "key pasted into transport", "\"eventHub\": { \"transport\": \"KEY\" }", "eventHub.transport" },
        { "key pasted into initialPosition", "\"eventHub\": { \"initialPosition\": \"KEY\" }", "eventHub.initialPosition" },
        { "key pasted into output format", "\"output\": { \"format\": \"KEY\" }", "output.format" },
        { "key pasted into a duration", "\"eventHub\": { \"maxPullDuration\": \"KEY\" }", "eventHub.maxPullDuration" },
        { "Graph secret pasted into cloud", "\"graph\": { \"cloud\": \"GRAPHSECRET\" }", "graph.cloud" },
        { "Graph clientSecret as a number", "\"graph\": { \"clientSecret\": 12345678901234567890 }", "graph.clientSecret" },
        { "Graph certificatePassword as a number", "\"graph\": { \"certificatePath\": \"CERT\", \"certificatePassword\": 98765432109876543 }", "graph.certificatePassword" },
        { "unknown onMissing", "\"state\": { \"onMissing\": \"maybe\" }", "state.onMissing" },
        { "numeric onInvalidCheckpoint", "\"eventHub\": { \"onInvalidCheckpoint\": \"1\" }", "eventHub.onInvalidCheckpoint" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_hostile_setting_is_one_problem_naming_it_and_never_echoes_a_secret(string name, string fragment, string setting)
    {
        var folder = Path.Combine(_folder, "a-folder");
        Directory.CreateDirectory(folder);
        var fifo = Path.Combine(_folder, "secret.fifo");
        if (!File.Exists(fifo))
        {
            using var mkfifo = Process.Start("mkfifo", fifo);
            mkfifo.WaitForExit();
        }

        var big = Path.Combine(_folder, "big.key");
        File.WriteAllBytes(big, new byte[200 * 1024]);
        File.WriteAllText(Path.Combine(_folder, "cert.pfx"), "x");
        fragment = fragment.Replace("GRAPHSECRET", GraphSecret, StringComparison.Ordinal).Replace("KEY", Key, StringComparison.Ordinal)
            .Replace("FOLDER", "a-folder", StringComparison.Ordinal).Replace("FIFO", "secret.fifo", StringComparison.Ordinal)
            .Replace("BIG", "big.key", StringComparison.Ordinal).Replace("CERT", "cert.pfx", StringComparison.Ordinal);

        var json = Merge(fragment);
        var validation = new DefenderConnectorPlugin().Validate(new ConnectorSettings(json, _folder, _ => null));

        Assert.False(validation.IsValid, name);
        var text = validation.ToString();
        Assert.Contains(validation.Problems, p => p.Setting == setting);
        Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Key[..20], text, StringComparison.Ordinal);
        Assert.DoesNotContain(GraphSecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("12345678901234567890", text, StringComparison.Ordinal);
        Assert.DoesNotContain("98765432109876543", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\0', text);
    }

    [Fact]
    public void Ordinary_wrong_values_are_still_shown()
    {
        var validation = new DefenderConnectorPlugin().Validate(new ConnectorSettings(Merge("\"output\": { \"format\": \"xml\" }"), _folder, _ => null));
        Assert.Contains("'xml'", validation.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A valid eventHub and graph section, with the fragment's keys put into (or beside) them.</summary>
    private static string Merge(string fragment)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse($$"""
            {
              "eventHub": { "namespace": "contoso-defender", "hubName": "defender", "sasPolicyName": "listen", "sasKey": "{{Key}}" },
              "graph": { "tenantId": "00000000-0000-0000-0000-000000000001", "clientId": "00000000-0000-0000-0000-000000000002", "clientSecret": "{{GraphSecret}}" }
            }
            """)!.AsObject();
        var extra = System.Text.Json.Nodes.JsonNode.Parse("{" + fragment + "}")!.AsObject();
        foreach (var (section, value) in extra.ToList())
        {
            extra.Remove(section);
            if (root[section] is System.Text.Json.Nodes.JsonObject existing)
            {
                foreach (var (k, v) in value!.AsObject().ToList())
                {
                    value.AsObject().Remove(k);
                    existing[k] = v;
                }

                if (section == "graph" && existing.ContainsKey("certificatePath"))
                {
                    existing.Remove("clientSecret");
                }
            }
            else
            {
                root[section] = value;
            }
        }

        return root.ToJsonString();
    }
}
