using DefenderConnector.Configuration;

namespace DefenderConnector.Sources.Graph;

/// <summary>Reads and validates the <c>graph</c> settings section, collecting every problem.</summary>
internal static class GraphSettingsReader
{
    public static readonly string[] Keys =
    [
        "enabled", "tenantId", "clientId", "clientSecret", "certificatePath", "certificatePassword",
        "cloud", "authorityHost", "graphBaseUrl", "m365dBaseUrl", "mdeBaseUrl", "siemBaseUrl", "siemRegion",
        "graphScope", "m365dScope", "mdeScope", "siemScope", "trustedCertificate", "proxy",
        "mode", "fallback", "primaryProbeInterval", "pullInterval", "initialLookback", "overlap",
        "maxPullDuration", "requestTimeout", "pullAlerts", "incidentsPageSize", "alertsPageSize", "legacyPageSize",
        "maxRetries", "circuitFailures", "expandFailures", "budgets",
    ];

    public static GraphSourceOptions? Read(SettingsNode node, string baseDirectory, Func<string, string?> environment, SettingsProblems problems)
    {
        node.RejectUnknown(Keys);
        var start = problems.All.Count;

        var tenant = node.String("tenantId");
        if (string.IsNullOrWhiteSpace(tenant))
        {
            problems.Add(node.Name("tenantId"), "is required: the Entra tenant id (a GUID) or a verified domain such as contoso.onmicrosoft.com.");
        }
        else if (!Guid.TryParse(tenant, out _) && !tenant.Contains('.'))
        {
            problems.Add(node.Name("tenantId"), $"'{tenant}' is neither a GUID nor a domain name.");
        }

        var client = node.String("clientId");
        if (string.IsNullOrWhiteSpace(client))
        {
            problems.Add(node.Name("clientId"), "is required: the application (client) id of the Entra app registration.");
        }
        else if (!Guid.TryParse(client, out _))
        {
            problems.Add(node.Name("clientId"), $"'{client}' is not a GUID: use the Application (client) ID shown on the app's overview page.");
        }

        var secret = SecretReference.Resolve(node.String("clientSecret", secret: true), node.Name("clientSecret"), baseDirectory, environment, problems);
        var certPath = ReadFile(node, "certificatePath", baseDirectory, problems);
        var certPassword = SecretReference.Resolve(node.String("certificatePassword", secret: true), node.Name("certificatePassword"), baseDirectory, environment, problems);
        if (certPath is not null && !CertificateLoads(certPath, certPassword))
        {
            problems.Add(node.Name("certificatePath"), "cannot be loaded: it must hold the certificate with its private key, and graph.certificatePassword must open it.");
        }

        if (node.Has("clientSecret") && node.Has("certificatePath"))
        {
            problems.Add(node.Name("clientSecret"), "and graph.certificatePath are both set: give one credential.");
        }
        else if (!node.Has("clientSecret") && !node.Has("certificatePath"))
        {
            problems.Add(node.Name("clientSecret"), "is required (or graph.certificatePath): the app's client secret Value as a literal, env:NAME or file:PATH.");
        }

        var cloud = GraphCloud.Global;
        var cloudText = node.String("cloud");
        if (cloudText is not null && !TryParseCloud(cloudText, out cloud))
        {
            cloud = GraphCloud.Global;
            problems.Add(node.Name("cloud"), $"must be Global (default), GCC, GCCHigh, DoD or China, found '{cloudText}'.");
        }

        var region = (node.String("siemRegion") ?? GraphConstants.DefaultSiemRegion).ToLowerInvariant();
        if (region is not ("eu" or "us" or "uk"))
        {
            problems.Add(node.Name("siemRegion"), $"must be eu, us (default) or uk, found '{region}'.");
            region = GraphConstants.DefaultSiemRegion;
        }

        var derived = CloudEndpoints.For(cloud, region);
        var authority = Url(node, "authorityHost", problems);
        var endpoints = derived with
        {
            AuthorityHost = authority ?? derived.AuthorityHost,
            GraphBaseUrl = Url(node, "graphBaseUrl", problems) ?? derived.GraphBaseUrl,
            M365dBaseUrl = Url(node, "m365dBaseUrl", problems) ?? derived.M365dBaseUrl,
            MdeBaseUrl = Url(node, "mdeBaseUrl", problems) ?? derived.MdeBaseUrl,
            SiemBaseUrl = Url(node, "siemBaseUrl", problems) ?? derived.SiemBaseUrl,
            GraphScope = node.String("graphScope") ?? derived.GraphScope,
            M365dScope = node.String("m365dScope") ?? derived.M365dScope ?? node.String("m365dBaseUrl")?.TrimEnd('/') + "/.default",
            MdeScope = node.String("mdeScope") ?? derived.MdeScope ?? node.String("mdeBaseUrl")?.TrimEnd('/') + "/.default",
            SiemScope = node.String("siemScope") ?? derived.SiemScope,
        };

        var mode = ReadMode(node, problems);
        var fallback = ReadFallback(node, problems);
        if (mode.Pinned is { } pinned && !IsAvailable(pinned, endpoints))
        {
            problems.Add(node.Name("mode"), $"pins {mode}, but cloud {cloud} has no documented {pinned} endpoint: set graph.{pinned.ToString().ToLowerInvariant()}BaseUrl.");
        }
        else if (mode.IsAuto && !endpoints.GraphSecuritySupported && !fallback.Any(m => IsAvailable(m, endpoints)))
        {
            problems.Add(node.Name("cloud"), $"{cloud} offers no Graph Security incidents and no documented legacy endpoint: set graph.m365dBaseUrl (or mdeBaseUrl, siemBaseUrl), or pin graph.mode to graph if your tenant has it.");
        }

        var options = new GraphSourceOptions
        {
            TenantId = tenant ?? string.Empty,
            ClientId = client ?? string.Empty,
            ClientSecret = secret,
            CertificatePath = certPath,
            CertificatePassword = certPassword,
            Cloud = cloud,
            Endpoints = endpoints,
            AuthorityOverridden = authority is not null,
            TrustedCertificatePath = ReadTrusted(node, baseDirectory, problems),
            Proxy = ProxySettingsReader.Read(node.Child("proxy"), baseDirectory, environment, problems),
            Mode = mode,
            Fallback = fallback,
            PrimaryProbeInterval = node.Duration("primaryProbeInterval", TimeSpan.FromMinutes(1), TimeSpan.FromDays(1)) ?? GraphConstants.DefaultPrimaryProbeInterval,
            PullInterval = node.Duration("pullInterval", TimeSpan.FromSeconds(10), TimeSpan.FromDays(1)) ?? GraphConstants.DefaultPullInterval,
            InitialLookback = node.Duration("initialLookback", TimeSpan.FromMinutes(1), TimeSpan.FromDays(180)) ?? GraphConstants.DefaultInitialLookback,
            Overlap = node.Duration("overlap", TimeSpan.Zero, TimeSpan.FromHours(1)) ?? GraphConstants.DefaultOverlap,
            MaxPullDuration = node.Duration("maxPullDuration", TimeSpan.FromSeconds(5), TimeSpan.FromHours(6)) ?? GraphConstants.DefaultMaxPullDuration,
            RequestTimeout = node.Duration("requestTimeout", TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10)) ?? GraphConstants.DefaultRequestTimeout,
            PullAlerts = node.Bool("pullAlerts") ?? true,
            IncidentsPageSize = (int?)node.Integer("incidentsPageSize", 1, GraphConstants.MaxIncidentsPageSize) ?? GraphConstants.DefaultIncidentsPageSize,
            AlertsPageSize = (int?)node.Integer("alertsPageSize", 1, GraphConstants.MaxAlertsPageSize) ?? GraphConstants.DefaultAlertsPageSize,
            LegacyPageSize = (int?)node.Integer("legacyPageSize", 1, 100) ?? GraphConstants.DefaultLegacyPageSize,
            MaxRetries = (int?)node.Integer("maxRetries", 0, 20) ?? GraphConstants.DefaultMaxRetries,
            CircuitFailures = (int?)node.Integer("circuitFailures", 1, 100) ?? GraphConstants.DefaultCircuitFailures,
            ExpandFailures = (int?)node.Integer("expandFailures", 1, 100) ?? GraphConstants.DefaultExpandFailures,
            Budgets = ReadBudgets(node.Child("budgets")),
        };
        return problems.All.Count > start ? null : options;
    }

    private static bool CertificateLoads(string path, Secret? password)
    {
        try
        {
            using var certificate = ClientCertificateLoader.Load(path, password);
            return certificate.HasPrivateKey;
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }

    internal static bool IsAvailable(ApiMode mode, CloudEndpoints endpoints) => mode switch
    {
        ApiMode.Graph => true,
        ApiMode.M365d => endpoints.M365dBaseUrl is not null,
        ApiMode.Mde => endpoints.MdeBaseUrl is not null,
        _ => endpoints.SiemBaseUrl is not null,
    };

    internal static bool TryParseCloud(string text, out GraphCloud cloud)
    {
        cloud = text.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant() switch
        {
            "global" or "commercial" or "public" => GraphCloud.Global,
            "gcc" => GraphCloud.Gcc,
            "gcchigh" or "usgov" => GraphCloud.GccHigh,
            "dod" or "usgovdod" => GraphCloud.DoD,
            "china" or "21vianet" => GraphCloud.China,
            _ => (GraphCloud)(-1),
        };
        return Enum.IsDefined(cloud);
    }

    private static ModeSetting ReadMode(SettingsNode node, SettingsProblems problems)
    {
        var text = node.String("mode");
        if (text is null || string.Equals(text, "auto", StringComparison.OrdinalIgnoreCase))
        {
            return ModeSetting.Auto;
        }

        if (TryParseMode(text, out var mode))
        {
            return new ModeSetting(mode);
        }

        problems.Add(node.Name("mode"), $"must be auto (default), graph, m365d, mde or siem, found '{text}'.");
        return ModeSetting.Auto;
    }

    private static List<ApiMode> ReadFallback(SettingsNode node, SettingsProblems problems)
    {
        var text = node.String("fallback");
        if (text is null)
        {
            return [ApiMode.M365d, ApiMode.Mde, ApiMode.Siem];
        }

        var list = new List<ApiMode>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TryParseMode(part, out var mode) || mode == ApiMode.Graph)
            {
                problems.Add(node.Name("fallback"), $"must list legacy APIs separated by commas (m365d, mde, siem) or be empty, found '{part}'.");
            }
            else if (!list.Contains(mode))
            {
                list.Add(mode);
            }
        }

        return list;
    }

    private static bool TryParseMode(string text, out ApiMode mode) =>
        Enum.TryParse(text, ignoreCase: true, out mode) && Enum.IsDefined(mode) && !int.TryParse(text, out _);

    private static RequestBudgetLimits ReadBudgets(SettingsNode node)
    {
        node.RejectUnknown("graphPerMinute", "m365dPerMinute", "m365dPerHour", "mdePerMinute", "mdePerHour", "siemPerMinute");
        var d = RequestBudgetLimits.Default;
        return new RequestBudgetLimits(
            (int?)node.Integer("graphPerMinute", 1, 10_000) ?? d.GraphPerMinute,
            (int?)node.Integer("m365dPerMinute", 1, 10_000) ?? d.M365dPerMinute,
            (int?)node.Integer("m365dPerHour", 1, 100_000) ?? d.M365dPerHour,
            (int?)node.Integer("mdePerMinute", 1, 10_000) ?? d.MdePerMinute,
            (int?)node.Integer("mdePerHour", 1, 100_000) ?? d.MdePerHour,
            (int?)node.Integer("siemPerMinute", 1, 10_000) ?? d.SiemPerMinute);
    }

    private static string? Url(SettingsNode node, string key, SettingsProblems problems)
    {
        var text = node.String(key);
        if (text is null)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || !string.IsNullOrEmpty(uri.Query))
        {
            problems.Add(node.Name(key), $"must be an absolute https URL without a query, found '{text}'.");
            return null;
        }

        return text.TrimEnd('/');
    }

    private static string? ReadTrusted(SettingsNode node, string baseDirectory, SettingsProblems problems)
    {
        var path = ReadFile(node, "trustedCertificate", baseDirectory, problems);
        if (path is not null && !Security.TrustedCertificates.IsReadable(path))
        {
            problems.Add(node.Name("trustedCertificate"), "must be a PEM file with one or more -----BEGIN CERTIFICATE----- blocks (a CA bundle or one server certificate).");
            return null;
        }

        return path;
    }

    private static string? ReadFile(SettingsNode node, string key, string baseDirectory, SettingsProblems problems)
    {
        var text = node.String(key);
        if (text is null)
        {
            return null;
        }

        if (SettingsPaths.Resolve(text, baseDirectory, node.Name(key), problems) is not { } full)
        {
            return null;
        }

        if (!File.Exists(full))
        {
            problems.Add(node.Name(key), $"refers to file {text}, which does not exist.");
            return null;
        }

        return full;
    }
}
