using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DefenderConnector.Abstractions;

namespace DefenderConnector.Tests.Sources.Graph;

/// <summary>The example settings in config/ for the Graph source validate once their env: secrets exist.</summary>
public sealed class ExampleConfigTests
{
    public static TheoryData<string> Files => new(
        "graph-global.json", "graph-global-certificate.json", "graph-gcc.json", "graph-gcchigh.json", "graph-dod.json",
        "graph-china.json", "legacy-m365d.json", "legacy-mde.json", "legacy-siem-gcc.json");

    [Theory]
    [MemberData(nameof(Files))]
    public void Validates(string file)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "DefenderConnector.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Repository root not found.");
        }

        var text = File.ReadAllText(Path.Combine(root, "config", file));
        Assert.DoesNotContain("\"clientSecret\": \"", text.Replace("\"clientSecret\": \"env:", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);

        // Run in a scratch folder holding a generated certificate where the certificate example expects one.
        var folder = Path.Combine(Path.GetTempPath(), "dc-config-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "certs"));
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12));
        using (var rsa = RSA.Create(2048))
        {
            using var certificate = new CertificateRequest("CN=example", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            File.WriteAllBytes(Path.Combine(folder, "certs", "defender-connector.pfx"), certificate.Export(X509ContentType.Pkcs12, password));
        }

        var env = new Dictionary<string, string> { ["DEFENDER_GRAPH_CLIENT_SECRET"] = "s", ["DEFENDER_GRAPH_CERT_PASSWORD"] = password };
        var validation = new DefenderConnectorPlugin().Validate(new ConnectorSettings(text, folder, n => env.GetValueOrDefault(n)));
        Directory.Delete(folder, recursive: true);

        Assert.True(validation.IsValid, validation.ToString());
    }
}
