using System.Net;

namespace DefenderConnector.Configuration;

/// <summary>An explicit HTTP proxy (<c>graph.proxy</c>, <c>eventHub.proxy</c>), with optional Basic credentials.</summary>
internal sealed record ProxySettings(Uri Url, string? Username, Secret? Password)
{
    public IWebProxy CreateWebProxy() => new WebProxy(Url)
    {
        // Loopback and local names go through the proxy too: the operator asked for it explicitly.
        BypassProxyOnLocal = false,
        UseDefaultCredentials = false,
        Credentials = Username is null ? null : new NetworkCredential(Username, Password?.Value ?? string.Empty),
    };

    /// <summary>Safe to print: the URL and whether credentials are used, never the password.</summary>
    public string Describe() => Username is null ? Url.GetLeftPart(UriPartial.Authority) : $"{Url.GetLeftPart(UriPartial.Authority)} as {Username}";
}
