using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using DefenderConnector.Abstractions;
using DefenderConnector.Configuration;
using DefenderConnector.Emulator.Http;
using DefenderConnector.Sources.Graph;

namespace DefenderConnector.IntegrationTests.Graph;

/// <summary>
/// test-connectivity tells each failure class apart, says what to fix, fails (so the host exits
/// non-zero) and never shows a secret.
/// </summary>
public sealed class ConnectivityTests
{
    private static async Task<ConnectivityReport> TestAsync(GraphTestbed tb, Action<JsonObject>? tweak = null)
    {
        await using var connector = tb.CreateConnector(tweak);
        return await connector.TestConnectivityAsync("graph", CancellationToken.None);
    }

    private static void AssertFailed(GraphTestbed tb, ConnectivityReport report, string outcome, params string[] phrases)
    {
        var text = GraphTestbed.Render(report);
        Assert.Equal(outcome, report.Outcome);
        Assert.False(report.Succeeded, text);
        Assert.Contains(report.Hops, h => h.Verdict == HopVerdict.Failed);
        foreach (var phrase in phrases)
        {
            Assert.Contains(phrase, report.Diagnosis, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(tb.Secret, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Success_reports_counts_in_the_window_and_the_active_mode()
    {
        await using var tb = await GraphTestbed.StartAsync();
        tb.GrantGraphRoles();
        for (var i = 1; i <= 3; i++)
        {
            tb.Emulator.Data.UpsertIncident($"{i}", GraphTestbed.Start.AddHours(-i));
        }

        tb.Emulator.Data.UpsertAlert("a1", "1", GraphTestbed.Start.AddHours(-1));
        tb.Emulator.Data.UpsertAlert("a2", "2", GraphTestbed.Start.AddHours(-2));
        var report = await TestAsync(tb);

        Assert.True(report.Succeeded, GraphTestbed.Render(report));
        Assert.Equal("Connected", report.Outcome);
        Assert.Contains(new KeyValuePair<string, string>("incidents in window", "3"), report.Facts);
        Assert.Contains(new KeyValuePair<string, string>("alerts in window", "2"), report.Facts);
        Assert.Contains(new KeyValuePair<string, string>("mode", "graph"), report.Facts);
        Assert.Contains(report.Hops, h => h.Name == "mode" && h.Verdict == HopVerdict.Passed);
        Assert.DoesNotContain(tb.Secret, GraphTestbed.Render(report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_window_is_a_success_without_events()
    {
        await using var tb = await GraphTestbed.StartAsync();
        tb.GrantGraphRoles();
        var report = await TestAsync(tb);

        Assert.True(report.Succeeded, GraphTestbed.Render(report));
        Assert.Equal("ConnectedNoEvents", report.Outcome);
    }

    [Fact]
    public async Task A_usable_fallback_is_a_success_that_names_the_legacy_mode()
    {
        await using var tb = await GraphTestbed.StartAsync();
        tb.App.Grant("Incident.Read.All");
        var report = await TestAsync(tb);

        Assert.True(report.Succeeded, GraphTestbed.Render(report));
        Assert.Equal("ConnectedFallback", report.Outcome);
        Assert.Contains(new KeyValuePair<string, string>("mode", "m365d"), report.Facts);
        Assert.Contains("SecurityIncident.Read.All", report.Diagnosis, StringComparison.Ordinal);
        Assert.Contains(report.Hops, h => h.Name == "mode" && h.Verdict == HopVerdict.Warning);
    }

    [Fact]
    public async Task Dns_failure()
    {
        await using var tb = await GraphTestbed.StartAsync();
        var settings = tb.Settings(g => g["authorityHost"] = "https://login.nowhere.test");
        var options = ReadOptions(settings);
        var probe = new GraphConnectivityProbe(options, new RequestBudgetRegistry(), tb.Clock, (host, _) => throw new SocketException((int)SocketError.HostNotFound));
        var report = await probe.RunAsync(ApiMode.Graph, CancellationToken.None);

        AssertFailed(tb, report, "DnsFailure", "login.nowhere.test", "graph.authorityHost");
        Assert.Contains(report.Hops, h => h.Name == "authentication" && h.Verdict == HopVerdict.Skipped);
    }

    [Fact]
    public async Task Tls_failure_when_the_server_certificate_is_not_the_trusted_one()
    {
        await using var tb = await GraphTestbed.StartAsync();
        using var other = EmulatorCertificate.Create();
        await File.WriteAllTextAsync(Path.Combine(tb.Directory, "other.pem"), EmulatorCertificate.ToPem(other));
        var report = await TestAsync(tb, g => g["trustedCertificate"] = "other.pem");

        AssertFailed(tb, report, "TlsFailure", "graph.trustedCertificate");
        Assert.Contains(report.Hops, h => h.Name == "tls" && h.Verdict == HopVerdict.Failed);
    }

    [Fact]
    public async Task Tenant_not_found()
    {
        await using var tb = await GraphTestbed.StartAsync();
        var report = await TestAsync(tb, g => g["tenantId"] = Guid.NewGuid().ToString());
        AssertFailed(tb, report, "TenantNotFound", "AADSTS90002", "graph.tenantId", "graph.cloud");
    }

    [Fact]
    public async Task Application_not_found()
    {
        await using var tb = await GraphTestbed.StartAsync();
        var report = await TestAsync(tb, g => g["clientId"] = Guid.NewGuid().ToString());
        AssertFailed(tb, report, "ApplicationNotFound", "AADSTS700016", "graph.clientId");
    }

    [Fact]
    public async Task Invalid_secret()
    {
        await using var tb = await GraphTestbed.StartAsync();
        tb.Environment["WRONG_SECRET"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(30));
        var report = await TestAsync(tb, g => g["clientSecret"] = "env:WRONG_SECRET");
        AssertFailed(tb, report, "InvalidSecret", "AADSTS7000215", "graph.clientSecret");
        Assert.DoesNotContain(tb.Environment["WRONG_SECRET"], GraphTestbed.Render(report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_secret()
    {
        await using var tb = await GraphTestbed.StartAsync();
        tb.App.RemoveSecrets().AddSecret(tb.Secret, DateTimeOffset.UtcNow.AddDays(-1));
        var report = await TestAsync(tb);
        AssertFailed(tb, report, "ExpiredSecret", "AADSTS7000222", "graph.clientSecret");
    }

    [Fact]
    public async Task Unknown_certificate()
    {
        await using var tb = await GraphTestbed.StartAsync();
        using var certificate = TestCertificates.CreateAppCertificate();
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12));
        TestCertificates.WritePfx(certificate, Path.Combine(tb.Directory, "app.pfx"), password);
        tb.Environment["CERT_PASSWORD"] = password;
        var report = await TestAsync(tb, g =>
        {
            g.Remove("clientSecret");
            g["certificatePath"] = "app.pfx";
            g["certificatePassword"] = "env:CERT_PASSWORD";
        });
        AssertFailed(tb, report, "UnknownCertificate", "AADSTS700027", "graph.certificatePath");
        Assert.DoesNotContain(password, GraphTestbed.Render(report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_permission_names_the_role()
    {
        await using var tb = await GraphTestbed.StartAsync();
        var report = await TestAsync(tb, g => g["mode"] = "graph");
        AssertFailed(tb, report, "MissingPermission", "SecurityIncident.Read.All", "admin consent");
    }

    [Fact]
    public async Task Missing_permission_on_every_api_of_the_chain_fails_naming_the_graph_role()
    {
        await using var tb = await GraphTestbed.StartAsync();
        var report = await TestAsync(tb, g => g["fallback"] = "m365d");
        AssertFailed(tb, report, "MissingPermission", "SecurityIncident.Read.All");
        Assert.Contains(report.Hops, h => h.Detail.Contains("Incident.Read.All", StringComparison.Ordinal) && h.Detail.Contains("M365d", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Throttled_reports_retry_after_instead_of_waiting()
    {
        await using var tb = await GraphTestbed.StartAsync();
        tb.GrantGraphRoles();
        tb.Emulator.Faults.Enqueue(EmulatedRoute.GraphIncidents, new ScriptedFault(429, RetryAfterSeconds: 30));
        var report = await TestAsync(tb, g => g["mode"] = "graph");
        AssertFailed(tb, report, "Throttled", "Retry-After 30 s");
        Assert.Empty(tb.Clock.Delays);
    }

    [Fact]
    public async Task Service_error()
    {
        await using var tb = await GraphTestbed.StartAsync();
        tb.GrantGraphRoles();
        tb.Emulator.Faults.Enqueue(EmulatedRoute.GraphIncidents, new ScriptedFault(500));
        var report = await TestAsync(tb, g => g["mode"] = "graph");
        AssertFailed(tb, report, "ServiceError", "500", "try again later");
    }

    [Fact]
    public async Task A_revoked_secret_is_reported_although_the_source_holds_a_cached_token()
    {
        await using var tb = await GraphTestbed.StartAsync();
        tb.GrantGraphRoles();
        await using var connector = tb.CreateConnector();
        Assert.Equal("CaughtUp", (await connector.PullAsync("graph", CancellationToken.None)).StopReason);

        tb.App.RemoveSecrets();
        var stillCached = await connector.PullAsync("graph", CancellationToken.None);
        var report = await connector.TestConnectivityAsync("graph", CancellationToken.None);

        Assert.Equal("CaughtUp", stillCached.StopReason);
        AssertFailed(tb, report, "InvalidSecret", "AADSTS7000215");
    }

    private static GraphSourceOptions ReadOptions(ConnectorSettings settings)
    {
        using var document = JsonDocument.Parse(settings.Json);
        var problems = new SettingsProblems();
        var node = new SettingsNode(document.RootElement, string.Empty, problems).Child("graph");
        var options = GraphSettingsReader.Read(node, settings.BaseDirectory, settings.Environment, problems);
        Assert.False(problems.Any, string.Join("; ", problems.All.Select(p => $"{p.Setting} {p.Message}")));
        return options!;
    }
}
