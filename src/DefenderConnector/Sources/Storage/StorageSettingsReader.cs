using Azure.Storage.Blobs;
using DefenderConnector.Configuration;
using DefenderConnector.Sources.EventHub;
using DefenderConnector.Sources.Filtering;

namespace DefenderConnector.Sources.Storage;

/// <summary>Reads and validates the <c>storage</c> settings section.</summary>
internal static class StorageSettingsReader
{
    public static readonly string[] Keys =
    [
        "enabled", "connectionString", "accountUrl", "sasToken", "entra", "trustedCertificate", "containerPrefix", "tables", "pullInterval",
        "initialPosition", "maxEventsPerPull", "maxPullDuration", "readBytes", "retireAfter", "concurrency", "operationTimeout", "maxRetries",
    ];

    public static StorageSourceOptions? Read(SettingsNode node, string baseDirectory, Func<string, string?> environment, SettingsProblems problems)
    {
        node.RejectUnknown(Keys);
        var start = problems.All.Count;
        var connectionString = SecretReference.Resolve(node.String("connectionString", secret: true), node.Name("connectionString"), baseDirectory, environment, problems);
        var sas = SecretReference.Resolve(node.String("sasToken", secret: true), node.Name("sasToken"), baseDirectory, environment, problems);
        var entra = node.Has("entra") ? EventHubEntraReader.Read(node.Child("entra"), baseDirectory, environment, problems) : null;
        var accountUrl = node.String("accountUrl");

        var ways = (connectionString is null ? 0 : 1) + (sas is null ? 0 : 1) + (node.Has("entra") ? 1 : 0);
        if (ways != 1)
        {
            problems.Add(node.Path, ways == 0
                ? "give one way to sign in: connectionString, sasToken (with accountUrl) or entra (with accountUrl)."
                : "give only one way to sign in: connectionString, sasToken or entra.");
        }

        string? account = null;
        Uri? endpoint = null;
        if (connectionString is not null)
        {
            if (accountUrl is not null)
            {
                problems.Add(node.Name("accountUrl"), "is taken from the connection string; give one or the other.");
            }

            try
            {
                var client = new BlobServiceClient(connectionString.Value);
                account = client.AccountName;
                endpoint = client.Uri;
            }
            catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
            {
                problems.Add(node.Name("connectionString"), "is not a storage account connection string (DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...;EndpointSuffix=core.windows.net, or BlobEndpoint=...;SharedAccessSignature=...).");
            }
        }
        else if (accountUrl is null)
        {
            problems.Add(node.Name("accountUrl"), "is required with sasToken or entra: the account's blob endpoint, https://ACCOUNT.blob.core.windows.net (or the account name).");
        }
        else
        {
            (account, endpoint) = Endpoint(accountUrl, node, problems);
        }

        if (sas is not null && sas.Value.TrimStart('?').Split('&').All(p => !p.StartsWith("sig=", StringComparison.Ordinal)))
        {
            problems.Add(node.Name("sasToken"), "is not a SAS token: it has no sig= part (copy the whole token, sv=...&sig=...).");
        }

        var prefix = node.String("containerPrefix") ?? StorageConstants.ContainerPrefix;
        if (prefix.Length == 0 || prefix.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
        {
            problems.Add(node.Name("containerPrefix"), $"must be the start of a container name (lower-case letters, digits, hyphens), found '{prefix}'.");
        }

        var tables = TableFilterReader.Read(node.Child("tables"), problems);
        var pullInterval = node.Duration("pullInterval", TimeSpan.Zero, TimeSpan.FromDays(1)) ?? StorageConstants.DefaultPullInterval;
        if (pullInterval > TimeSpan.Zero && pullInterval < StorageConstants.MinPullInterval)
        {
            problems.Add(node.Name("pullInterval"), "must be 0 (continuous) or at least 1s.");
        }

        DateTimeOffset? startTime = null;
        var initial = node.String("initialPosition");
        if (initial is not null && !string.Equals(initial, "earliest", StringComparison.OrdinalIgnoreCase))
        {
            if (DateTimeOffset.TryParse(initial, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var time) && initial.Contains('T', StringComparison.Ordinal))
            {
                startTime = time;
            }
            else
            {
                problems.Add(node.Name("initialPosition"), $"must be earliest (default: every blob in the account) or an ISO-8601 time such as 2026-12-01T00:00:00Z (blobs of hours that ended before it are not read), found '{initial}'.");
            }
        }

        var maxEvents = node.Integer("maxEventsPerPull", 1, long.MaxValue) ?? StorageConstants.DefaultMaxEventsPerPull;
        var maxDuration = node.Duration("maxPullDuration", TimeSpan.FromSeconds(1), TimeSpan.FromDays(1)) ?? StorageConstants.DefaultMaxPullDuration;
        var readBytes = node.Integer("readBytes", StorageConstants.MinReadBytes, StorageConstants.MaxReadBytes) ?? StorageConstants.DefaultReadBytes;
        var retireAfter = node.Duration("retireAfter", TimeSpan.Zero, TimeSpan.FromDays(7)) ?? StorageConstants.DefaultRetireAfter;
        var concurrency = (int?)node.Integer("concurrency", 1, 64) ?? StorageConstants.DefaultConcurrency;
        var timeout = node.Duration("operationTimeout", TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10)) ?? StorageConstants.DefaultOperationTimeout;
        var maxRetries = (int?)node.Integer("maxRetries", 0, 100) ?? StorageConstants.DefaultMaxRetries;
        var trusted = Security.TrustedCertificateSetting.Read(node, baseDirectory, problems);

        if (problems.All.Count > start || account is null || endpoint is null)
        {
            return null;
        }

        return new StorageSourceOptions
        {
            AccountName = account,
            BlobEndpoint = endpoint,
            Auth = connectionString is not null ? StorageAuthKind.ConnectionString : sas is not null ? StorageAuthKind.SasToken : StorageAuthKind.Entra,
            ConnectionString = connectionString,
            SasToken = sas,
            Entra = entra,
            TrustedCertificatePath = trusted,
            ContainerPrefix = prefix,
            Tables = tables,
            PullInterval = pullInterval,
            StartTime = startTime,
            MaxEventsPerPull = maxEvents,
            MaxPullDuration = maxDuration,
            ReadBytes = readBytes,
            RetireAfter = retireAfter,
            Concurrency = concurrency,
            OperationTimeout = timeout,
            MaxRetries = maxRetries,
        };
    }

    /// <summary>An account name or blob endpoint URL; the account is the host's first label, or (Azurite, loopback) the path's first segment.</summary>
    private static (string? Account, Uri? Endpoint) Endpoint(string text, SettingsNode node, SettingsProblems problems)
    {
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = $"https://{text}.blob.{StorageConstants.DefaultEndpointSuffix}";
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(uri.Query))
        {
            // The value is not echoed: a query may hold a SAS signature.
            var shown = uri is null ? "a value that is not a URL" : $"'{uri.GetLeftPart(UriPartial.Path)}'{(string.IsNullOrEmpty(uri.Query) ? string.Empty : " with a query")}";
            problems.Add(node.Name("accountUrl"), $"must be the account's blob endpoint, https://ACCOUNT.blob.core.windows.net, without a query (the SAS goes into sasToken), found {shown}.");
            return (null, null);
        }

        if (uri.Scheme == "http" && !uri.IsLoopback)
        {
            problems.Add(node.Name("accountUrl"), "must use https (http is accepted only for a local emulator on this machine).");
            return (null, null);
        }

        var segments = uri.AbsolutePath.Trim('/');
        var account = uri.IsLoopback || uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 ? segments.Split('/')[0] : uri.Host.Split('.')[0];
        if (account.Length == 0)
        {
            problems.Add(node.Name("accountUrl"), "names no account: an emulator's endpoint ends with the account, http://127.0.0.1:10000/devstoreaccount1.");
            return (null, null);
        }

        return (account, uri);
    }
}
