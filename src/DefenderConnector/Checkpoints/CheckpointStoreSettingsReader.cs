using System.Text.RegularExpressions;
using DefenderConnector.Balancing;
using DefenderConnector.Checkpoints.Blob;
using DefenderConnector.Configuration;
using DefenderConnector.Sources.EventHub;

namespace DefenderConnector.Checkpoints;

/// <summary>Reads and validates the <c>checkpointStore</c> section (absent: the SQLite database at <c>state.path</c>).</summary>
internal static partial class CheckpointStoreSettingsReader
{
    public static readonly string[] Keys =
        ["type", "connectionString", "accountUrl", "sasToken", "entra", "container", "checkpointInterval", "loadBalancing", "trustedCertificate"];

    private static readonly string[] BalancingKeys = ["strategy", "updateInterval", "ownershipExpiry"];

    public static CheckpointStoreOptions Read(SettingsNode node, string baseDirectory, Func<string, string?> environment, SettingsProblems problems)
    {
        if (!node.Exists)
        {
            return new CheckpointStoreOptions();
        }

        node.RejectUnknown(Keys);
        var typeText = node.String("type") ?? "sqlite";
        CheckpointStoreKind kind;
        switch (typeText.ToLowerInvariant())
        {
            case "sqlite": kind = CheckpointStoreKind.Sqlite; break;
            case "blob": kind = CheckpointStoreKind.Blob; break;
            default:
                problems.Add(node.Name("type"), $"must be sqlite (default: the database at state.path, one instance) or blob (an Azure Storage container several instances share), found '{typeText}'.");
                return new CheckpointStoreOptions();
        }

        var balancing = ReadBalancing(node.Child("loadBalancing"), problems);
        var interval = node.Duration("checkpointInterval", TimeSpan.Zero, TimeSpan.FromHours(1)) ?? TimeSpan.Zero;
        if (kind == CheckpointStoreKind.Sqlite)
        {
            foreach (var key in new[] { "connectionString", "accountUrl", "sasToken", "entra", "container", "loadBalancing", "checkpointInterval", "trustedCertificate" }.Where(node.Has))
            {
                problems.Add(node.Name(key), "applies to checkpointStore.type blob only; the SQLite store (the default) keeps everything in state.path.");
            }

            return new CheckpointStoreOptions();
        }

        return new CheckpointStoreOptions
        {
            Kind = kind,
            Blob = ReadBlob(node, baseDirectory, environment, problems),
            LoadBalancing = balancing,
            CheckpointInterval = interval,
        };
    }

    private static BlobStoreOptions? ReadBlob(SettingsNode node, string baseDirectory, Func<string, string?> environment, SettingsProblems problems)
    {
        var start = problems.All.Count;
        var connectionString = SecretReference.Resolve(node.String("connectionString", secret: true), node.Name("connectionString"), baseDirectory, environment, problems);
        var sas = SecretReference.Resolve(node.String("sasToken", secret: true), node.Name("sasToken"), baseDirectory, environment, problems);
        var urlText = node.String("accountUrl");
        var entra = node.Has("entra") ? EventHubEntraReader.Read(node.Child("entra"), baseDirectory, environment, problems) : null;
        var container = node.String("container");

        if (container is null)
        {
            problems.Add(node.Name("container"), "is required for the blob store: the container that holds checkpoints and ownership (for example defender-checkpoints).");
        }
        else if (!ContainerPattern().IsMatch(container) || container.Contains("--", StringComparison.Ordinal))
        {
            problems.Add(node.Name("container"), $"'{container}' is not a container name: 3 to 63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.");
        }

        Uri? url = null;
        if (urlText is not null)
        {
            if (!Uri.TryCreate(urlText, UriKind.Absolute, out url) || url.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(url.Query))
            {
                problems.Add(node.Name("accountUrl"), $"must be the blob endpoint, such as https://contoso.blob.core.windows.net (no query string: give a SAS as checkpointStore.sasToken), found '{urlText}'.");
                url = null;
            }
            else if (url.Scheme == "http" && !EventHubSettingsReader.IsLoopback(url.Host))
            {
                problems.Add(node.Name("accountUrl"), "must use https; plain http is allowed only for a local emulator (Azurite) on a loopback address.");
                url = null;
            }
        }

        var ways = (connectionString is not null ? 1 : 0) + (urlText is not null ? 1 : 0);
        if (ways == 0 && problems.All.Count == start)
        {
            problems.Add(node.Name("accountUrl"), "is required for the blob store: give checkpointStore.accountUrl with sasToken or entra, or checkpointStore.connectionString.");
        }
        else if (ways == 2)
        {
            problems.Add(node.Name("connectionString"), "and checkpointStore.accountUrl are both set: give one way to reach the account.");
        }
        else if (urlText is not null && (sas is null) == (entra is null) && problems.All.Count == start)
        {
            problems.Add(node.Name("accountUrl"), sas is null
                ? "needs a way to sign in: checkpointStore.sasToken or checkpointStore.entra (role \"Storage Blob Data Contributor\")."
                : "has both checkpointStore.sasToken and checkpointStore.entra: give one way to sign in.");
        }
        else if (connectionString is not null && (sas is not null || entra is not null))
        {
            problems.Add(node.Name("connectionString"), "already holds the credentials; remove checkpointStore.sasToken and checkpointStore.entra.");
        }

        if (connectionString is not null && !connectionString.Value.Contains("AccountKey=", StringComparison.OrdinalIgnoreCase) && !connectionString.Value.Contains("SharedAccessSignature=", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Value.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(node.Name("connectionString"), "is not a Storage connection string: it holds neither an account key nor a shared access signature (copy it from the storage account's Access keys).");
        }

        if (problems.All.Count > start)
        {
            return null;
        }

        return new BlobStoreOptions { Container = container!, ConnectionString = connectionString, AccountUrl = url, SasToken = sas, Entra = entra, TrustedCertificatePath = Security.TrustedCertificateSetting.Read(node, baseDirectory, problems) };
    }

    private static LoadBalancingOptions ReadBalancing(SettingsNode node, SettingsProblems problems)
    {
        node.RejectUnknown(BalancingKeys);
        var strategy = LoadBalancingStrategy.Greedy;
        var text = node.String("strategy");
        if (text is not null && !(Enum.TryParse(text, ignoreCase: true, out strategy) && Enum.IsDefined(strategy) && char.IsLetter(text.TrimStart().FirstOrDefault())))
        {
            problems.Add(node.Name("strategy"), $"must be greedy (default: claim the whole fair share at once) or balanced (one partition per update), found '{text}'.");
        }

        var update = node.Duration("updateInterval", TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10)) ?? LoadBalancingOptions.DefaultUpdateInterval;
        var expiry = node.Duration("ownershipExpiry", TimeSpan.FromSeconds(2), TimeSpan.FromHours(1)) ?? LoadBalancingOptions.DefaultOwnershipExpiry;
        if (expiry <= update)
        {
            problems.Add(node.Name("ownershipExpiry"), $"must be longer than checkpointStore.loadBalancing.updateInterval ({DurationText.Format(update)}), or live instances lose their partitions between renewals; found {DurationText.Format(expiry)}.");
        }

        return new LoadBalancingOptions { Strategy = strategy, UpdateInterval = update, OwnershipExpiry = expiry };
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex ContainerPattern();
}
