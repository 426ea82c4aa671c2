using System.Text.Json;
using DefenderConnector.Configuration;
using DefenderConnector.Sources.Graph;

namespace DefenderConnector.Tests.Sources.Graph;

public sealed class GraphSettingsReaderTests
{
    private const string Tenant = "11111111-2222-3333-4444-555555555555";
    private const string Client = "66666666-7777-8888-9999-000000000000";

    private static (GraphSourceOptions? Options, List<string> Problems) Read(string graphJson, Dictionary<string, string>? env = null)
    {
        using var document = JsonDocument.Parse($"{{\"graph\":{graphJson}}}");
        var problems = new SettingsProblems();
        var node = new SettingsNode(document.RootElement, string.Empty, problems).Child("graph");
        var options = GraphSettingsReader.Read(node, Path.GetTempPath(), n => env?.GetValueOrDefault(n), problems);
        return (options, problems.All.Select(p => $"{p.Setting} {p.Message}").ToList());
    }

    [Fact]
    public void A_minimal_section_gets_the_documented_defaults()
    {
        var (o, problems) = Read($"{{\"tenantId\":\"{Tenant}\",\"clientId\":\"{Client}\",\"clientSecret\":\"env:S\"}}", new() { ["S"] = "value" });
        Assert.Empty(problems);
        Assert.Equal(GraphCloud.Global, o!.Cloud);
        Assert.True(o.Mode.IsAuto);
        Assert.Equal([ApiMode.M365d, ApiMode.Mde, ApiMode.Siem], o.Fallback);
        Assert.Equal(TimeSpan.FromHours(24), o.InitialLookback);
        Assert.Equal(TimeSpan.FromMinutes(30), o.PrimaryProbeInterval);
        Assert.Equal(TimeSpan.FromMinutes(2), o.Overlap);
        Assert.Equal(50, o.IncidentsPageSize);
        Assert.Equal(1000, o.AlertsPageSize);
        Assert.Equal(150, o.Budgets.GraphPerMinute);
        Assert.Equal((50, 1500), o.Budgets.For(ApiMode.M365d));
        Assert.False(o.AuthorityOverridden);
        Assert.Equal("***(env:S)", o.ClientSecret!.ToString());
    }

    [Fact]
    public void Every_problem_is_reported_at_once_naming_the_setting()
    {
        var (o, problems) = Read("{\"tenantId\":\"not a tenant\",\"clientId\":\"abc\",\"cloud\":\"Mars\",\"mode\":\"fast\",\"overlap\":\"2h\"}");
        Assert.Null(o);
        Assert.Contains("graph.tenantId 'not a tenant' is neither a GUID nor a domain name.", problems);
        Assert.Contains("graph.clientId 'abc' is not a GUID: use the Application (client) ID shown on the app's overview page.", problems);
        Assert.Contains("graph.clientSecret is required (or graph.certificatePath): the app's client secret Value as a literal, env:NAME or file:PATH.", problems);
        Assert.Contains("graph.cloud must be Global (default), GCC, GCCHigh, DoD or China, found 'Mars'.", problems);
        Assert.Contains("graph.mode must be auto (default), graph, m365d, mde or siem, found 'fast'.", problems);
        Assert.Contains("graph.overlap must be between 0s and 1h, found 2h.", problems);
    }

    [Fact]
    public void A_secret_and_a_certificate_together_are_refused()
    {
        var (_, problems) = Read($"{{\"tenantId\":\"{Tenant}\",\"clientId\":\"{Client}\",\"clientSecret\":\"x\",\"certificatePath\":\"/no/such/file.pfx\"}}");
        Assert.Contains("graph.clientSecret and graph.certificatePath are both set: give one credential.", problems);
        Assert.Contains("graph.certificatePath refers to file /no/such/file.pfx, which does not exist.", problems);
    }

    [Fact]
    public void Overrides_replace_derived_urls_and_turn_off_authority_validation()
    {
        var (o, problems) = Read($"{{\"tenantId\":\"{Tenant}\",\"clientId\":\"{Client}\",\"clientSecret\":\"x\",\"cloud\":\"GCC High\",\"authorityHost\":\"https://127.0.0.1:5001/\",\"graphBaseUrl\":\"https://127.0.0.1:5001/v1.0\"}}");
        Assert.Empty(problems);
        Assert.True(o!.AuthorityOverridden);
        Assert.Equal("https://127.0.0.1:5001", o.Endpoints.AuthorityHost);
        Assert.Equal("https://127.0.0.1:5001/v1.0", o.Endpoints.GraphBaseUrl);
        Assert.Equal("https://graph.microsoft.us/.default", o.Endpoints.GraphScope);
        Assert.Equal("https://api-gov.security.microsoft.us", o.Endpoints.M365dBaseUrl);
    }

    [Fact]
    public void A_plain_http_override_is_refused()
    {
        var (_, problems) = Read($"{{\"tenantId\":\"{Tenant}\",\"clientId\":\"{Client}\",\"clientSecret\":\"x\",\"graphBaseUrl\":\"http://127.0.0.1/v1.0\"}}");
        Assert.Contains("graph.graphBaseUrl must be an absolute https URL without a query, found 'http://127.0.0.1/v1.0'.", problems);
    }

    [Fact]
    public void China_in_auto_mode_needs_a_legacy_endpoint_or_a_pinned_mode()
    {
        var (_, problems) = Read($"{{\"tenantId\":\"{Tenant}\",\"clientId\":\"{Client}\",\"clientSecret\":\"x\",\"cloud\":\"China\"}}");
        Assert.Contains(problems, p => p.StartsWith("graph.cloud China offers no Graph Security incidents", StringComparison.Ordinal));

        var (pinned, none) = Read($"{{\"tenantId\":\"{Tenant}\",\"clientId\":\"{Client}\",\"clientSecret\":\"x\",\"cloud\":\"China\",\"mode\":\"graph\"}}");
        Assert.Empty(none);
        Assert.Equal(ApiMode.Graph, pinned!.Mode.Pinned);
    }

    [Fact]
    public void The_fallback_list_is_parsed_and_checked()
    {
        var (o, problems) = Read($"{{\"tenantId\":\"{Tenant}\",\"clientId\":\"{Client}\",\"clientSecret\":\"x\",\"fallback\":\"mde, m365d\"}}");
        Assert.Empty(problems);
        Assert.Equal([ApiMode.Mde, ApiMode.M365d], o!.Fallback);

        var (_, bad) = Read($"{{\"tenantId\":\"{Tenant}\",\"clientId\":\"{Client}\",\"clientSecret\":\"x\",\"fallback\":\"graph\"}}");
        Assert.Contains("graph.fallback must list legacy APIs separated by commas (m365d, mde, siem) or be empty, found 'graph'.", bad);
    }

    [Fact]
    public void A_missing_environment_secret_is_named_without_a_value()
    {
        var (_, problems) = Read($"{{\"tenantId\":\"{Tenant}\",\"clientId\":\"{Client}\",\"clientSecret\":\"env:NOPE\"}}");
        Assert.Contains("graph.clientSecret refers to environment variable NOPE, which is not set or empty.", problems);
    }

    [Fact]
    public void A_trusted_certificate_that_is_not_pem_is_refused()
    {
        var file = Path.Combine(Path.GetTempPath(), "dc-not-pem-" + Guid.NewGuid().ToString("N") + ".pem");
        File.WriteAllText(file, "not a certificate");
        try
        {
            var (_, problems) = Read($"{{\"tenantId\":\"{Tenant}\",\"clientId\":\"{Client}\",\"clientSecret\":\"x\",\"trustedCertificate\":{JsonSerializer.Serialize(file)}}}");
            Assert.Contains("graph.trustedCertificate must be a PEM file with one or more -----BEGIN CERTIFICATE----- blocks (a CA bundle or one server certificate).", problems);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
