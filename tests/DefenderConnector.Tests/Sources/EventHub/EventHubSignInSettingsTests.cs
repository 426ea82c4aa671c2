using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Identity;
using DefenderConnector.Abstractions;
using DefenderConnector.Configuration;
using DefenderConnector.Sources.EventHub;

namespace DefenderConnector.Tests.Sources.EventHub;

/// <summary>eventHub.entra and eventHub.proxy: validated at start-up naming each setting, secrets never echoed, wired into the SDK's credential and connection.</summary>
public sealed class EventHubSignInSettingsTests : IDisposable
{
    private const string Tenant = "11111111-2222-3333-4444-555555555555";
    private const string Client = "66666666-7777-8888-9999-000000000000";
    private readonly string _secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
    private readonly Fakes.TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_client_secret_signs_in_instead_of_a_sas_policy()
    {
        var (options, validation) = Read($$"""
            "entra": { "tenantId": "{{Tenant}}", "clientId": "{{Client}}", "clientSecret": "env:DC_ENTRA" }
            """);

        Assert.True(validation.IsValid, validation.ToString());
        var entra = options!.Entra!;
        Assert.Equal(EntraMethod.ClientSecret, entra.Method);
        Assert.Equal(_secret, entra.ClientSecret!.Value);
        Assert.Null(options.SasKey);
        Assert.DoesNotContain(_secret, options.Describe(), StringComparison.Ordinal);
        Assert.Contains(Client, options.Describe(), StringComparison.Ordinal);
        Assert.IsType<ClientSecretCredential>(EventHubCredentialFactory.Create(entra, options, new CertificateValidator(null)));
    }

    [Fact]
    public void A_certificate_managed_identity_and_workload_identity_build_their_credentials()
    {
        var pem = _temp.File("app.pem");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=connector", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            File.WriteAllText(pem, certificate.ExportCertificatePem() + "\n" + rsa.ExportPkcs8PrivateKeyPem());
        }

        var token = _temp.File("token");
        File.WriteAllText(token, "a-projected-token");

        var (cert, v1) = Read($$"""
            "entra": { "method": "certificate", "tenantId": "{{Tenant}}", "clientId": "{{Client}}", "certificatePath": "app.pem" }
            """);
        var (managed, v2) = Read("""
            "entra": { "method": "managedIdentity" }
            """);
        var (workload, v3) = Read("""
            "entra": { "method": "workloadIdentity" }
            """, n => n switch { "AZURE_TENANT_ID" => Tenant, "AZURE_CLIENT_ID" => Client, "AZURE_FEDERATED_TOKEN_FILE" => token, _ => null });

        Assert.True(v1.IsValid && v2.IsValid && v3.IsValid, $"{v1} {v2} {v3}");
        var none = new CertificateValidator(null);
        Assert.IsType<ClientCertificateCredential>(EventHubCredentialFactory.Create(cert!.Entra!, cert, none));
        Assert.IsType<ManagedIdentityCredential>(EventHubCredentialFactory.Create(managed!.Entra!, managed, none));
        Assert.Null(managed.Entra!.ClientId);
        Assert.Equal(token, workload!.Entra!.TokenFilePath);
        Assert.IsType<WorkloadIdentityCredential>(EventHubCredentialFactory.Create(workload.Entra, workload, none));
    }

    [Theory]
    [InlineData("""{ "clientId": "66666666-7777-8888-9999-000000000000", "clientSecret": "x" }""", "eventHub.entra.tenantId")]
    [InlineData("""{ "tenantId": "11111111-2222-3333-4444-555555555555", "clientSecret": "x" }""", "eventHub.entra.clientId")]
    [InlineData("""{ "tenantId": "11111111-2222-3333-4444-555555555555", "clientId": "not-a-guid", "clientSecret": "x" }""", "eventHub.entra.clientId")]
    [InlineData("""{ "method": "password" }""", "eventHub.entra.method")]
    [InlineData("""{ "tenantId": "11111111-2222-3333-4444-555555555555", "clientId": "66666666-7777-8888-9999-000000000000" }""", "eventHub.entra.method")]
    [InlineData("""{ "method": "certificate", "tenantId": "11111111-2222-3333-4444-555555555555", "clientId": "66666666-7777-8888-9999-000000000000", "certificatePath": "missing.pfx" }""", "eventHub.entra.certificatePath")]
    [InlineData("""{ "method": "managedIdentity", "clientSecret": "x" }""", "eventHub.entra.clientSecret")]
    [InlineData("""{ "method": "workloadIdentity", "tenantId": "11111111-2222-3333-4444-555555555555", "clientId": "66666666-7777-8888-9999-000000000000" }""", "eventHub.entra.tokenFile")]
    [InlineData("""{ "method": "managedIdentity", "authorityHost": "http://login.example" }""", "eventHub.entra.authorityHost")]
    [InlineData("""{ "method": "managedIdentity", "secret": "x" }""", "eventHub.entra.secret")]
    public void Each_entra_problem_names_its_setting(string entra, string setting)
    {
        var (_, validation) = Read($$""" "entra": {{entra}} """);

        Assert.False(validation.IsValid);
        Assert.Contains(setting, validation.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Entra_and_a_sas_policy_together_are_refused_and_entra_needs_tls()
    {
        var (_, both) = Read($$"""
            "sasPolicyName": "listen", "sasKey": "k", "entra": { "method": "managedIdentity" }
            """);
        var (_, plain) = SettingsReader.Read(new ConnectorSettings(
            """{ "eventHub": { "namespace": "127.0.0.1", "hubName": "h", "transport": "amqp", "entra": { "method": "managedIdentity" } } }""", _temp.Path, _ => null));

        Assert.Contains("eventHub.entra", both.ToString(), StringComparison.Ordinal);
        Assert.Contains("eventHub.transport", plain.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_proxy_with_credentials_is_wired_into_the_connection_and_never_printed()
    {
        var (options, validation) = Read($$"""
            "transport": "websockets", "sasPolicyName": "listen", "sasKey": "k",
            "proxy": { "url": "http://127.0.0.1:3128", "username": "connector", "password": "env:DC_ENTRA" }
            """);

        Assert.True(validation.IsValid, validation.ToString());
        var proxy = options!.Proxy!;
        Assert.Equal(new Uri("http://127.0.0.1:3128"), proxy.Url);
        Assert.DoesNotContain(_secret, options.Describe(), StringComparison.Ordinal);
        Assert.Contains("through proxy http://127.0.0.1:3128 as connector", options.Describe(), StringComparison.Ordinal);

        var web = proxy.CreateWebProxy();
        var destination = new Uri("https://localhost:443/");
        Assert.False(web.IsBypassed(destination));
        Assert.Equal(proxy.Url, web.GetProxy(destination));
        var credential = web.Credentials!.GetCredential(proxy.Url, "Basic");
        Assert.Equal("connector", credential!.UserName);
        Assert.Equal(_secret, credential.Password);
    }

    [Theory]
    [InlineData("""{ "url": "https://proxy:3128" }""", "eventHub.proxy.url", "websockets")]
    [InlineData("""{ "url": "http://user:SECRETPW@proxy:3128" }""", "eventHub.proxy.url", "websockets")]
    [InlineData("""{ "username": "u", "password": "p" }""", "eventHub.proxy.url", "websockets")]
    [InlineData("""{ "url": "http://proxy:3128", "username": "u" }""", "eventHub.proxy.password", "websockets")]
    [InlineData("""{ "url": "http://proxy:3128", "password": "p" }""", "eventHub.proxy.username", "websockets")]
    [InlineData("""{ "url": "http://proxy:3128", "port": 1 }""", "eventHub.proxy.port", "websockets")]
    [InlineData("""{ "url": "http://proxy:3128" }""", "eventHub.proxy", "amqps")]
    public void Each_proxy_problem_names_its_setting_without_echoing_a_password(string proxy, string setting, string transport)
    {
        var (_, validation) = Read($$""" "transport": "{{transport}}", "sasPolicyName": "listen", "sasKey": "k", "proxy": {{proxy}} """);

        Assert.False(validation.IsValid);
        Assert.Contains(setting, validation.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETPW", validation.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_trusted_certificate_is_refused_with_websockets_because_the_sdk_trusts_only_the_system_store()
    {
        File.WriteAllText(_temp.File("ca.pem"), "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
        var (_, validation) = Read("""
            "transport": "websockets", "sasPolicyName": "listen", "sasKey": "k", "trustedCertificate": "ca.pem"
            """);

        Assert.Contains("eventHub.trustedCertificate", validation.ToString(), StringComparison.Ordinal);
        Assert.Contains("system", validation.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Token_lifetime_is_refused_with_the_reason()
    {
        var (_, validation) = Read("""
            "sasPolicyName": "listen", "sasKey": "k", "tokenLifetime": "30m"
            """);

        Assert.Contains("eventHub.tokenLifetime", validation.ToString(), StringComparison.Ordinal);
        Assert.Contains("renews", validation.ToString(), StringComparison.Ordinal);
    }

    private (EventHubSourceOptions? Options, SettingsValidation Validation) Read(string members, Func<string, string?>? env = null)
    {
        var json = $$"""{ "eventHub": { "namespace": "contoso-defender", "hubName": "defender", {{members}} } }""";
        var (options, validation) = SettingsReader.Read(new ConnectorSettings(json, _temp.Path, env ?? (n => n == "DC_ENTRA" ? _secret : null)));
        return (options?.EventHub, validation);
    }
}
