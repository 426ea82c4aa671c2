using DefenderConnector.Host.Outputs.Network;
using DefenderConnector.Host.Outputs.Syslog;

namespace DefenderConnector.Host.Outputs.Http;

/// <summary>Reads the settings every HTTP output shares and checks the URLs (absolute, http or https, no credentials inside).</summary>
internal static class HttpEndpointReader
{
    public static readonly string[] Keys = ["caFile", "connectTimeout", "requestTimeout", "maxRequestBytes", "gzip", "maxRetries", "retryDelay", "retryMaxDelay"];

    public static HttpEndpointOptions? Read(SettingsSection section, IReadOnlyList<Uri>? urls, int defaultMaxRequestBytes, int maxRequestBytesLimit, bool defaultGzip, string baseDirectory)
    {
        var caFile = section.String("caFile");
        var connect = section.Duration("connectTimeout", TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)) ?? TimeSpan.FromSeconds(10);
        var request = section.Duration("requestTimeout", TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(30)) ?? TimeSpan.FromSeconds(60);
        var maxBytes = section.Integer("maxRequestBytes", 1024, maxRequestBytesLimit) ?? defaultMaxRequestBytes;
        var gzip = section.Bool("gzip") ?? defaultGzip;
        var retry = SyslogSettingsReader.ReadRetry(section);
        if (caFile is not null && urls is not null && urls.All(u => u.Scheme != Uri.UriSchemeHttps))
        {
            section.Problem("caFile", "is set, but the URL is not https: use https or remove caFile.");
        }

        var cas = caFile is null ? null : NetworkEndpointReader.LoadCas(section, caFile, baseDirectory);
        return urls is null || urls.Count == 0 ? null : new HttpEndpointOptions(urls, cas, caFile, connect, request, maxBytes, gzip, retry);
    }

    /// <summary>An absolute http(s) URL without user information or query, or null with a problem naming <paramref name="key"/>.</summary>
    public static Uri? Url(SettingsSection section, string key, string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            section.Problem(key, "must be an absolute https:// (or http://) URL.");
            return null;
        }

        if (url.UserInfo.Length > 0)
        {
            // A URL is printed in messages; credentials belong in their own secret settings.
            section.Problem(key, "must not hold credentials (user:password@): use the output's secret settings.");
            return null;
        }

        if (url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            section.Problem(key, "must not have a query or fragment.");
            return null;
        }

        return url;
    }

    /// <summary>Reads a required URL setting.</summary>
    public static Uri? RequiredUrl(SettingsSection section, string key, string what)
    {
        var text = section.String(key);
        if (text is null)
        {
            if (!section.Problems.Any(p => p.Setting == section.Name(key)))
            {
                section.Problem(key, $"is required: {what}.");
            }

            return null;
        }

        return Url(section, key, text);
    }
}
