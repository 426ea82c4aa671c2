using System.Text.Json.Nodes;
using DefenderConnector.IntegrationTests.Support;
using DefenderConnector.Mapping;

namespace DefenderConnector.IntegrationTests.Graph;

/// <summary>
/// The paths a corporate network puts between the connector and Microsoft: a TLS-inspecting proxy whose
/// CA issues each host's certificate (trusted as a bundle, host names still checked), and an HTTP proxy
/// with credentials (Debian's tinyproxy).
/// </summary>
public sealed class GraphNetworkPathTests
{
    private static readonly DateTimeOffset T0 = GraphTestbed.Start;

    [Fact]
    public async Task A_CA_bundle_is_trusted_for_test_connectivity_and_a_pull()
    {
        using var inspectingCa = TestCertificates.CreateAuthority("CN=Inspecting Proxy Test CA");
        using var otherCa = TestCertificates.CreateAuthority("CN=Unrelated Company Root");
        using var issued = TestCertificates.IssueServerCertificate(inspectingCa, true, "localhost");
        await using var tb = await GraphTestbed.StartAsync(issued);
        tb.GrantGraphRoles();
        Seed(tb);
        File.WriteAllText(Path.Combine(tb.Directory, "ca-bundle.pem"), otherCa.ExportCertificatePem() + "\n" + inspectingCa.ExportCertificatePem() + "\n");

        await using var connector = tb.CreateConnector(g => g["trustedCertificate"] = "ca-bundle.pem");
        var report = await connector.TestConnectivityAsync("graph", CancellationToken.None);
        Assert.True(report.Succeeded, GraphTestbed.Render(report));
        Assert.Equal("Connected", report.Outcome);

        var summary = await connector.PullAsync("graph", CancellationToken.None);
        Assert.True(summary.Error is null, summary.Error);
        Assert.Equal(Expected(), tb.Sink.Uids.Order());
    }

    [Fact]
    public async Task A_certificate_from_the_trusted_CA_for_another_host_name_is_refused()
    {
        using var inspectingCa = TestCertificates.CreateAuthority("CN=Inspecting Proxy Test CA");
        using var issued = TestCertificates.IssueServerCertificate(inspectingCa, false, "graph.other.example");
        await using var tb = await GraphTestbed.StartAsync(issued);
        tb.GrantGraphRoles();
        File.WriteAllText(Path.Combine(tb.Directory, "ca-bundle.pem"), inspectingCa.ExportCertificatePem());

        await using var connector = tb.CreateConnector(g => g["trustedCertificate"] = "ca-bundle.pem");
        var report = await connector.TestConnectivityAsync("graph", CancellationToken.None);

        Assert.False(report.Succeeded);
        Assert.Equal("TlsFailure", report.Outcome);
        Assert.Contains("graph.trustedCertificate", report.Diagnosis, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Graph_goes_through_an_HTTP_proxy_with_credentials()
    {
        await using var proxy = await HttpProxy.StartAsync();
        await using var tb = await GraphTestbed.StartAsync();
        tb.GrantGraphRoles();
        Seed(tb);
        tb.Environment["PROXY_PASSWORD"] = proxy.Password;

        await using var connector = tb.CreateConnector(g => g["proxy"] = new JsonObject { ["url"] = proxy.Url, ["username"] = proxy.UserName, ["password"] = "env:PROXY_PASSWORD" });
        var report = await connector.TestConnectivityAsync("graph", CancellationToken.None);
        Assert.True(report.Succeeded, GraphTestbed.Render(report));

        var summary = await connector.PullAsync("graph", CancellationToken.None);
        Assert.True(summary.Error is null, summary.Error);
        Assert.Equal(Expected(), tb.Sink.Uids.Order());

        // Token and API calls were tunnelled by the proxy, and its password appears nowhere.
        Assert.True(proxy.TunnelsTo(tb.Emulator.BaseUri.Port) >= 1, proxy.Log);
        Assert.DoesNotContain(proxy.Password, GraphTestbed.Render(report), StringComparison.Ordinal);
        Assert.DoesNotContain(tb.Logs.Lines, l => l.Contains(proxy.Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_proxy_password_is_reported_naming_the_proxy_settings()
    {
        await using var proxy = await HttpProxy.StartAsync();
        await using var tb = await GraphTestbed.StartAsync();
        tb.GrantGraphRoles();
        tb.Environment["PROXY_PASSWORD"] = "not-" + proxy.Password;

        await using var connector = tb.CreateConnector(g => g["proxy"] = new JsonObject { ["url"] = proxy.Url, ["username"] = proxy.UserName, ["password"] = "env:PROXY_PASSWORD" });
        var report = await connector.TestConnectivityAsync("graph", CancellationToken.None);

        Assert.False(report.Succeeded);
        Assert.Equal("ConnectionFailed", report.Outcome);
        Assert.Contains("graph.proxy", report.Diagnosis, StringComparison.Ordinal);
        Assert.Contains("407", report.Diagnosis, StringComparison.Ordinal);
        Assert.DoesNotContain(proxy.Password, GraphTestbed.Render(report), StringComparison.Ordinal);
    }

    private static void Seed(GraphTestbed tb)
    {
        for (var i = 1; i <= 3; i++)
        {
            tb.Emulator.Data.UpsertIncident($"{i}", T0.AddHours(-i));
            tb.Emulator.Data.UpsertAlert($"da{i}", $"{i}", T0.AddHours(-i));
        }
    }

    private static IEnumerable<string> Expected() => Enumerable.Range(1, 3)
        .SelectMany(i => new[] { GraphPullTests.Uid(RecordKind.GraphIncident, $"{i}", T0.AddHours(-i)), GraphPullTests.Uid(RecordKind.GraphAlert, $"da{i}", T0.AddHours(-i)) })
        .Order();
}
