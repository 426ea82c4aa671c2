using System.Net;

namespace DefenderConnector.Configuration;

/// <summary>
/// An HTTP proxy with optional Basic credentials: <c>{ "url": "http://host:port", "username": "…",
/// "password": "&lt;secret reference&gt;" }</c>. The password is a <see cref="Secret"/> and never printed.
/// </summary>
internal sealed record ProxyOptions(Uri Url, string? Username, Secret? Password)
{
    /// <summary>
    /// A proxy for .NET's HTTP and WebSocket clients that every request goes through, loopback
    /// included (<see cref="WebProxy"/> would bypass loopback; a configured proxy means "this way out").
    /// </summary>
    public IWebProxy ToWebProxy() => new ConfiguredProxy(Url, Username is null ? null : new NetworkCredential(Username, Password?.Value));

    private sealed class ConfiguredProxy(Uri url, ICredentials? credentials) : IWebProxy
    {
        public ICredentials? Credentials { get; set; } = credentials;

        public Uri GetProxy(Uri destination) => url;

        public bool IsBypassed(Uri host) => false;
    }

    /// <summary>Safe to print: no password.</summary>
    public override string ToString() => Username is null ? Url.ToString() : $"{Url} (user {Username})";
}
