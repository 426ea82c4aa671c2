namespace DefenderConnector.Configuration;

/// <summary>
/// Reads a <c>proxy</c> object: <c>{ "url": "http://host:port", "username": "...", "password": "secret ref" }</c>.
/// Shared by every source that talks HTTP(S) or WebSockets through a proxy.
/// </summary>
internal static class ProxySettingsReader
{
    public static readonly string[] Keys = ["url", "username", "password"];

    /// <summary>Null when the section is absent or has problems (reported to <paramref name="problems"/>, naming each setting).</summary>
    public static ProxySettings? Read(SettingsNode node, string baseDirectory, Func<string, string?> environment, SettingsProblems problems)
    {
        if (!node.Exists)
        {
            return null;
        }

        var start = problems.All.Count;
        node.RejectUnknown(Keys);
        var text = node.String("url");
        Uri? url = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add(node.Name("url"), "is required: the proxy as http://host:port.");
        }
        else if (!Uri.TryCreate(text, UriKind.Absolute, out url) || url.Scheme != Uri.UriSchemeHttp || url.AbsolutePath != "/" || !string.IsNullOrEmpty(url.Query))
        {
            problems.Add(node.Name("url"), $"must be http://host:port (an HTTP proxy; HTTPS is tunnelled through it), found '{Redacted(text)}'.");
            url = null;
        }
        else if (!string.IsNullOrEmpty(url.UserInfo))
        {
            problems.Add(node.Name("url"), $"must not carry credentials; put them in {node.Name("username")} and {node.Name("password")}.");
            url = null;
        }

        var username = node.String("username");
        if (username is not null && (username.Length == 0 || username.Contains(':', StringComparison.Ordinal)))
        {
            problems.Add(node.Name("username"), "must be a non-empty user name without ':'.");
        }

        var password = SecretReference.Resolve(node.String("password", secret: true), node.Name("password"), baseDirectory, environment, problems);
        if (node.Has("password") && username is null)
        {
            problems.Add(node.Name("password"), $"is set without {node.Name("username")}.");
        }
        else if (username is not null && !node.Has("password"))
        {
            problems.Add(node.Name("password"), $"is required with {node.Name("username")}: a literal, env:NAME or file:PATH.");
        }

        return problems.All.Count > start || url is null ? null : new ProxySettings(url, username, password);
    }

    /// <summary>The URL without any user information, for messages.</summary>
    private static string Redacted(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.UserInfo) ? text.Replace(uri.UserInfo + "@", "***@", StringComparison.Ordinal) : text;
}
