namespace DefenderConnector.Configuration;

/// <summary>Reads and validates a <c>proxy</c> object (<see cref="ProxyOptions"/>); every problem names its setting.</summary>
internal static class ProxySettingsReader
{
    private static readonly string[] Keys = ["url", "username", "password"];

    public static ProxyOptions? Read(SettingsNode node, string baseDirectory, Func<string, string?> environment, SettingsProblems problems)
    {
        if (!node.Exists)
        {
            return null;
        }

        node.RejectUnknown(Keys);
        var start = problems.All.Count;
        var text = node.String("url");
        Uri? url = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add(node.Name("url"), "is required: the proxy as http://host:port.");
        }
        else if (!Uri.TryCreate(text, UriKind.Absolute, out url) || url.Scheme != Uri.UriSchemeHttp || url.Host.Length == 0
            || !string.IsNullOrEmpty(url.UserInfo) || url.AbsolutePath != "/")
        {
            problems.Add(node.Name("url"), $"must be http://host:port (credentials go in {node.Name("username")} and {node.Name("password")}), found '{Redact(text)}'.");
        }

        var username = node.String("username");
        var password = SecretReference.Resolve(node.String("password", secret: true), node.Name("password"), baseDirectory, environment, problems);
        if (username is not null && !node.Has("password"))
        {
            problems.Add(node.Name("password"), $"is required with {node.Name("username")}: the proxy password as a literal, env:NAME or file:PATH.");
        }
        else if (username is null && node.Has("password"))
        {
            problems.Add(node.Name("username"), $"is required with {node.Name("password")}.");
        }

        return problems.All.Count > start || url is null ? null : new ProxyOptions(url, username, password);
    }

    // A URL written with user:password@ must not echo the password back.
    private static string Redact(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        return at > 0 && scheme >= 0 && at > scheme ? text[..(scheme + 3)] + "***@" + text[(at + 1)..] : text;
    }
}
