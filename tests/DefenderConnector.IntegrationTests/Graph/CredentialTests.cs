using System.Security.Cryptography;
using DefenderConnector.Emulator.Http;

namespace DefenderConnector.IntegrationTests.Graph;

/// <summary>Client secret and certificate (PFX with password, PEM) credentials through MSAL against the stand-in.</summary>
public sealed class CredentialTests
{
    [Fact]
    public async Task A_password_protected_pfx_certificate_authenticates_with_a_signed_assertion()
    {
        await using var tb = await GraphTestbed.StartAsync();
        tb.GrantGraphRoles();
        tb.Emulator.Data.UpsertIncident("1", GraphTestbed.Start.AddHours(-1));
        using var certificate = TestCertificates.CreateAppCertificate();
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12));
        TestCertificates.WritePfx(certificate, Path.Combine(tb.Directory, "app.pfx"), password);
        tb.Environment["CERT_PASSWORD"] = password;
        tb.App.AddCertificate(certificate);

        await using var connector = tb.CreateConnector(g =>
        {
            g.Remove("clientSecret");
            g["certificatePath"] = "app.pfx";
            g["certificatePassword"] = "env:CERT_PASSWORD";
        });
        var summary = await connector.PullAsync("graph", CancellationToken.None);
        var report = await connector.TestConnectivityAsync("graph", CancellationToken.None);

        Assert.True(summary.StopReason == "CaughtUp", summary.Error);
        Assert.Single(tb.Sink.Events);
        Assert.True(report.Succeeded, GraphTestbed.Render(report));
        Assert.Contains(new KeyValuePair<string, string>("credential", "certificate"), report.Facts);
        Assert.DoesNotContain(password, GraphTestbed.Render(report), StringComparison.Ordinal);
        Assert.True(tb.Emulator.Requests.Count(EmulatedRoute.Token, 200) >= 2);
    }

    [Fact]
    public async Task A_pem_certificate_with_its_key_authenticates()
    {
        await using var tb = await GraphTestbed.StartAsync();
        tb.GrantGraphRoles();
        tb.Emulator.Data.UpsertAlert("a1", null, GraphTestbed.Start.AddHours(-1));
        using var certificate = TestCertificates.CreateAppCertificate();
        TestCertificates.WritePem(certificate, Path.Combine(tb.Directory, "app.pem"));
        tb.App.AddCertificate(certificate);

        await using var connector = tb.CreateConnector(g =>
        {
            g.Remove("clientSecret");
            g["certificatePath"] = "app.pem";
        });
        var summary = await connector.PullAsync("graph", CancellationToken.None);

        Assert.True(summary.StopReason == "CaughtUp", summary.Error);
        Assert.Single(tb.Sink.Events);
    }

    [Fact]
    public async Task A_client_secret_authenticates_and_never_reaches_the_logs()
    {
        await using var tb = await GraphTestbed.StartAsync();
        tb.GrantGraphRoles();
        tb.Emulator.Data.UpsertIncident("1", GraphTestbed.Start.AddHours(-1));

        await using var connector = tb.CreateConnector();
        var summary = await connector.PullAsync("graph", CancellationToken.None);

        Assert.True(summary.StopReason == "CaughtUp", summary.Error);
        Assert.NotEmpty(tb.Logs.Lines);
        Assert.DoesNotContain(tb.Logs.Lines, l => l.Contains(tb.Secret, StringComparison.Ordinal));
        Assert.DoesNotContain(tb.Secret, string.Join(" ", summary.Facts), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_certificate_password_is_a_settings_problem_found_before_any_pull()
    {
        await using var tb = await GraphTestbed.StartAsync();
        using var certificate = TestCertificates.CreateAppCertificate();
        TestCertificates.WritePfx(certificate, Path.Combine(tb.Directory, "app.pfx"), "right-" + Guid.NewGuid());
        tb.Environment["CERT_PASSWORD"] = "wrong-" + Guid.NewGuid();

        var validation = new DefenderConnectorPlugin().Validate(tb.Settings(g =>
        {
            g.Remove("clientSecret");
            g["certificatePath"] = "app.pfx";
            g["certificatePassword"] = "env:CERT_PASSWORD";
        }));

        Assert.False(validation.IsValid);
        var problem = Assert.Single(validation.Problems);
        Assert.Equal("graph.certificatePath", problem.Setting);
        Assert.DoesNotContain(tb.Environment["CERT_PASSWORD"], problem.Message, StringComparison.Ordinal);
    }
}
