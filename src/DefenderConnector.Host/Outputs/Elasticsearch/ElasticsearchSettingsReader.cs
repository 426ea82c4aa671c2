using System.Text.Json;
using DefenderConnector.Host.Outputs.Http;

namespace DefenderConnector.Host.Outputs.Elasticsearch;

/// <summary>Reads <c>output.elasticsearch</c>.</summary>
internal static class ElasticsearchSettingsReader
{
    /// <summary>5 MB: within the bulk sizes Elastic recommends starting from, far below the 100 MB <c>http.max_content_length</c>.</summary>
    public const int DefaultMaxRequestBytes = 5_000_000;

    public static ElasticsearchOutputOptions? Read(SettingsSection section, string baseDirectory, Func<string, string?> environment)
    {
        section.RejectUnknown([.. HttpEndpointReader.Keys, "url", "urls", "index", "dataStream", "apiKey", "username", "password"]);
        var urls = Urls(section);
        var index = section.String("index");
        var dataStream = section.String("dataStream");
        if (index is not null && dataStream is not null)
        {
            section.Problem("dataStream", "and index are both set: write to one (dataStream for a data stream, index for an index or alias).");
        }
        else if (index is null && dataStream is null && !section.Problems.Any(p => p.Setting == section.Name("index") || p.Setting == section.Name("dataStream")))
        {
            section.Problem("dataStream", "or index is required: where the events go (e.g. logs-defender-default).");
        }

        var target = dataStream ?? index;
        if (target is not null && (target != target.ToLowerInvariant() || target.StartsWith('_') || target.StartsWith('-') || target.IndexOfAny(['\\', '/', '*', '?', '"', '<', '>', '|', ' ', ',', '#', ':']) >= 0))
        {
            section.Problem(dataStream is null ? "index" : "dataStream", "must be lowercase, must not start with _ or -, and must not hold \\ / * ? \" < > | , # : or a space.");
        }

        var apiKey = HostSecret.Resolve(section, "apiKey", baseDirectory, environment);
        var username = section.String("username");
        var password = HostSecret.Resolve(section, "password", baseDirectory, environment);
        if (section.Has("apiKey") && username is not null)
        {
            section.Problem("username", "and apiKey are both set: use one way to authenticate.");
        }

        if (username is not null && password is null && !section.Problems.Any(p => p.Setting == section.Name("password")))
        {
            section.Problem("password", "is required with username (as env:NAME or file:PATH).");
        }

        if (username is null && section.Has("password"))
        {
            section.Problem("username", "is required with password.");
        }

        var endpoint = HttpEndpointReader.Read(section, urls, DefaultMaxRequestBytes, 100 * 1024 * 1024, defaultGzip: false, baseDirectory);
        return endpoint is null || target is null ? null : new ElasticsearchOutputOptions(endpoint, target, dataStream is not null, apiKey, username, password);
    }

    private static List<Uri>? Urls(SettingsSection section)
    {
        if (section.Has("url") && section.Has("urls"))
        {
            section.Problem("urls", "and url are both set: use one.");
            return null;
        }

        if (!section.Has("urls"))
        {
            var url = HttpEndpointReader.RequiredUrl(section, "url", "a node's base URL, e.g. https://elastic.example.com:9200 (or urls: [...])");
            return url is null ? null : [url];
        }

        var texts = section.StringArray("urls");
        if (texts is null)
        {
            return null;
        }

        var urls = new List<Uri>();
        foreach (var text in texts)
        {
            if (HttpEndpointReader.Url(section, "urls", text) is { } url)
            {
                urls.Add(url);
            }
        }

        return urls.Count == texts.Count ? urls : null;
    }
}
