using System.Text.Json;
using DefenderConnector.Configuration;

namespace DefenderConnector.Tests.Configuration;

/// <summary>The shared <c>proxy</c> object (<c>graph.proxy</c>, later <c>eventHub.proxy</c>): every problem named, no secret echoed.</summary>
public sealed class ProxySettingsReaderTests
{
    private static (ProxySettings? Proxy, List<string> Problems) Read(string proxyJson, Dictionary<string, string>? env = null)
    {
        using var document = JsonDocument.Parse($"{{\"graph\":{{\"proxy\":{proxyJson}}}}}");
        var problems = new SettingsProblems();
        var node = new SettingsNode(document.RootElement, string.Empty, problems).Child("graph").Child("proxy");
        var proxy = ProxySettingsReader.Read(node, Path.GetTempPath(), n => env?.GetValueOrDefault(n), problems);
        return (proxy, problems.All.Select(p => $"{p.Setting} {p.Message}").ToList());
    }

    [Fact]
    public void A_url_with_credentials_from_the_environment_is_read()
    {
        var (proxy, problems) = Read("{\"url\":\"http://proxy.corp.example:3128\",\"username\":\"siem\",\"password\":\"env:P\"}", new() { ["P"] = "s3cret-value" });
        Assert.Empty(problems);
        Assert.Equal(new Uri("http://proxy.corp.example:3128"), proxy!.Url);
        Assert.Equal("s3cret-value", proxy.Password!.Value);
        Assert.Equal("http://proxy.corp.example:3128 as siem", proxy.Describe());
        var credentials = proxy.CreateWebProxy().Credentials!.GetCredential(proxy.Url, "Basic")!;
        Assert.Equal("siem", credentials.UserName);
    }

    [Fact]
    public void A_url_alone_is_a_proxy_without_credentials() =>
        Assert.Null(Read("{\"url\":\"http://10.0.0.8:8080\"}").Proxy!.Username);

    [Theory]
    [InlineData("{}", "graph.proxy.url is required: the proxy as http://host:port.")]
    [InlineData("{\"url\":\"https://proxy:3128\"}", "graph.proxy.url must be http://host:port (an HTTP proxy; HTTPS is tunnelled through it), found 'https://proxy:3128'.")]
    [InlineData("{\"url\":\"http://proxy:3128/path\"}", "graph.proxy.url must be http://host:port (an HTTP proxy; HTTPS is tunnelled through it), found 'http://proxy:3128/path'.")]
    [InlineData("{\"url\":\"http://proxy:3128\",\"username\":\"siem\"}", "graph.proxy.password is required with graph.proxy.username: a literal, env:NAME or file:PATH.")]
    [InlineData("{\"url\":\"http://proxy:3128\",\"password\":\"x\"}", "graph.proxy.password is set without graph.proxy.username.")]
    [InlineData("{\"url\":\"http://proxy:3128\",\"port\":1}", "graph.proxy.port")]
    public void Each_problem_names_the_setting(string json, string expected)
    {
        var (proxy, problems) = Read(json);
        Assert.Null(proxy);
        Assert.Contains(problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Credentials_in_the_url_are_refused_without_echoing_them()
    {
        var (proxy, problems) = Read("{\"url\":\"http://siem:TopSecret42@proxy:3128\"}");
        Assert.Null(proxy);
        Assert.Contains("graph.proxy.url must not carry credentials; put them in graph.proxy.username and graph.proxy.password.", problems);
        Assert.DoesNotContain(problems, p => p.Contains("TopSecret42", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_environment_variable_names_the_setting_not_the_value()
    {
        var (_, problems) = Read("{\"url\":\"http://proxy:3128\",\"username\":\"siem\",\"password\":\"env:NOT_SET_ANYWHERE\"}");
        Assert.Contains(problems, p => p.StartsWith("graph.proxy.password", StringComparison.Ordinal) && p.Contains("NOT_SET_ANYWHERE", StringComparison.Ordinal));
    }
}
