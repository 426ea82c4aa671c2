using System.Net;

namespace DefenderConnector.Configuration;

/// <summary>An explicit HTTP proxy (<c>graph.proxy</c>, <c>eventHub.proxy</c>), with optional Basic credentials.</summary>
internal sealed record ProxySettings(Uri Url, string? Username, Secret? Password)
{
    /// <summary>
    /// A proxy for .NET's HTTP and WebSocket clients that every request goes through, loopback and
    /// local names included: <see cref="WebProxy"/> always bypasses loopback, and a configured proxy
    /// means "this is the way out".
    /// </summary>
    public IWebProxy CreateWebProxy() =>
        new ConfiguredProxy(Url, Username is null ? null : new NetworkCredential(Username, Password?.Value ?? string.Empty));

    /// <summary>Safe to print: the URL and whether credentials are used, never the password.</summary>
    public string Describe() => Username is null ? Url.GetLeftPart(UriPartial.Authority) : $"{Url.GetLeftPart(UriPartial.Authority)} as {Username}";

    /// <summary>Safe to print, as <see cref="Describe"/>.</summary>
    public override string ToString() => Describe();

    private sealed class ConfiguredProxy(Uri url, ICredentials? credentials) : IWebProxy
    {
        public ICredentials? Credentials { get; set; } = credentials;

        public Uri GetProxy(Uri destination) => url;

        public bool IsBypassed(Uri host) => false;
    }
}
