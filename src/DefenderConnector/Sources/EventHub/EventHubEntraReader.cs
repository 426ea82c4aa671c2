using DefenderConnector.Configuration;

namespace DefenderConnector.Sources.EventHub;

/// <summary>Reads and validates <c>eventHub.entra</c>: Entra ID sign-in instead of a SAS policy.</summary>
internal static class EventHubEntraReader
{
    public static readonly string[] Keys =
        ["method", "tenantId", "clientId", "clientSecret", "certificatePath", "certificatePassword", "tokenFile", "authorityHost"];

    public static EntraOptions? Read(SettingsNode node, string baseDirectory, Func<string, string?> environment, SettingsProblems problems)
    {
        node.RejectUnknown(Keys);
        var start = problems.All.Count;
        var method = Method(node, problems);
        var tenant = node.String("tenantId");
        var client = node.String("clientId");
        var secret = SecretReference.Resolve(node.String("clientSecret", secret: true), node.Name("clientSecret"), baseDirectory, environment, problems);
        var certificatePassword = SecretReference.Resolve(node.String("certificatePassword", secret: true), node.Name("certificatePassword"), baseDirectory, environment, problems);
        var certificatePath = File(node, "certificatePath", baseDirectory, problems);
        var tokenFile = node.String("tokenFile");

        if (method is EntraMethod.WorkloadIdentity)
        {
            // What the AKS workload identity webhook injects, unless the settings say otherwise.
            tenant ??= environment("AZURE_TENANT_ID");
            client ??= environment("AZURE_CLIENT_ID");
            tokenFile ??= environment("AZURE_FEDERATED_TOKEN_FILE");
            if (string.IsNullOrEmpty(tokenFile))
            {
                problems.Add(node.Name("tokenFile"), "is required for workloadIdentity (or set AZURE_FEDERATED_TOKEN_FILE): the projected service-account token file.");
            }
            else
            {
                tokenFile = Path.GetFullPath(tokenFile, baseDirectory);
                if (!System.IO.File.Exists(tokenFile))
                {
                    problems.Add(node.Name("tokenFile"), $"refers to file {tokenFile}, which does not exist.");
                }
            }
        }

        if (method is EntraMethod.ClientSecret or EntraMethod.Certificate or EntraMethod.WorkloadIdentity)
        {
            if (string.IsNullOrWhiteSpace(tenant))
            {
                problems.Add(node.Name("tenantId"), "is required: the Entra tenant id (a GUID) or a verified domain such as contoso.onmicrosoft.com.");
            }
            else if (!Guid.TryParse(tenant, out _) && !tenant.Contains('.'))
            {
                problems.Add(node.Name("tenantId"), $"'{tenant}' is neither a GUID nor a domain name.");
            }

            if (string.IsNullOrWhiteSpace(client))
            {
                problems.Add(node.Name("clientId"), "is required: the application (client) id of the Entra app registration.");
            }
        }

        if (!string.IsNullOrWhiteSpace(client) && !Guid.TryParse(client, out _))
        {
            problems.Add(node.Name("clientId"), $"'{client}' is not a GUID: use the Application (client) ID of the app or the managed identity.");
        }

        if (method == EntraMethod.ClientSecret && secret is null && !node.Has("clientSecret"))
        {
            problems.Add(node.Name("clientSecret"), "is required for method clientSecret: the secret's Value as a literal, env:NAME or file:PATH.");
        }

        if (method == EntraMethod.Certificate)
        {
            if (certificatePath is null && !node.Has("certificatePath"))
            {
                problems.Add(node.Name("certificatePath"), "is required for method certificate: a PFX/P12 or PEM file with the private key.");
            }
            else if (certificatePath is not null && !CertificateLoads(certificatePath, certificatePassword))
            {
                problems.Add(node.Name("certificatePath"), $"cannot be loaded: it must hold the certificate with its private key, and {node.Name("certificatePassword")} must open it.");
            }
        }

        foreach (var (key, allowed) in new[] { ("clientSecret", EntraMethod.ClientSecret), ("certificatePath", EntraMethod.Certificate), ("tokenFile", EntraMethod.WorkloadIdentity) })
        {
            if (method is { } m && m != allowed && node.Has(key))
            {
                problems.Add(node.Name(key), $"does not apply to method {Name(m)}; remove it or set {node.Name("method")} to {Name(allowed)}.");
            }
        }

        Uri? authority = null;
        var authorityText = node.String("authorityHost");
        if (authorityText is not null && (!Uri.TryCreate(authorityText, UriKind.Absolute, out authority) || authority.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add(node.Name("authorityHost"), $"must be an https URL such as https://login.microsoftonline.us/, found '{authorityText}'.");
        }

        if (problems.All.Count > start || method is null)
        {
            return null;
        }

        return new EntraOptions
        {
            Method = method.Value,
            TenantId = tenant,
            ClientId = string.IsNullOrWhiteSpace(client) ? null : client,
            ClientSecret = secret,
            CertificatePath = certificatePath,
            CertificatePassword = certificatePassword,
            TokenFilePath = tokenFile,
            AuthorityHost = authority,
        };
    }

    private static EntraMethod? Method(SettingsNode node, SettingsProblems problems)
    {
        var text = node.String("method");
        if (text is null)
        {
            // A secret or a certificate says which method is meant; the identities must be named.
            if (node.Has("clientSecret") && !node.Has("certificatePath"))
            {
                return EntraMethod.ClientSecret;
            }

            if (node.Has("certificatePath") && !node.Has("clientSecret"))
            {
                return EntraMethod.Certificate;
            }

            problems.Add(node.Name("method"), "is required: clientSecret, certificate, managedIdentity or workloadIdentity.");
            return null;
        }

        foreach (var method in Enum.GetValues<EntraMethod>())
        {
            if (string.Equals(Name(method), text, StringComparison.OrdinalIgnoreCase))
            {
                return method;
            }
        }

        problems.Add(node.Name("method"), $"must be clientSecret, certificate, managedIdentity or workloadIdentity, found '{text}'.");
        return null;
    }

    private static string Name(EntraMethod method) => char.ToLowerInvariant(method.ToString()[0]) + method.ToString()[1..];

    private static string? File(SettingsNode node, string key, string baseDirectory, SettingsProblems problems)
    {
        var text = node.String(key);
        if (text is null)
        {
            return null;
        }

        var path = Path.GetFullPath(text, baseDirectory);
        if (!System.IO.File.Exists(path))
        {
            problems.Add(node.Name(key), $"refers to file {text}, which does not exist.");
            return null;
        }

        return path;
    }

    private static bool CertificateLoads(string path, Secret? password)
    {
        try
        {
            using var certificate = Graph.ClientCertificateLoader.Load(path, password);
            return true;
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or ArgumentException)
        {
            return false;
        }
    }
}
