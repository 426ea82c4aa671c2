using System.Net;
using System.Security.Cryptography;
using System.Text;
using DefenderConnector.Sources.EventHub;

namespace DefenderConnector.Tests.Sources.EventHub;

public sealed class SharedAccessSignatureTests
{
    [Fact]
    public void Signs_the_encoded_resource_and_expiry_with_the_key_bytes()
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var expires = DateTimeOffset.FromUnixTimeSeconds(1_900_000_000);
        var resource = SharedAccessSignature.HubResource("Contoso.ServiceBus.Windows.Net", "Defender");

        var token = SharedAccessSignature.Create(resource, "listen policy", key, expires);

        Assert.Equal("amqps://contoso.servicebus.windows.net/defender", resource);
        Assert.StartsWith("SharedAccessSignature ", token, StringComparison.Ordinal);
        var fields = token["SharedAccessSignature ".Length..].Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(["sr", "sig", "se", "skn"], fields.Keys);
        Assert.Equal(WebUtility.UrlEncode(resource), fields["sr"]);
        Assert.Equal("1900000000", fields["se"]);
        Assert.Equal("listen policy", WebUtility.UrlDecode(fields["skn"]));
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(fields["sr"] + "\n" + fields["se"]));
        Assert.Equal(expected, Convert.FromBase64String(WebUtility.UrlDecode(fields["sig"])));
        Assert.DoesNotContain(key, token, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3600, 2880)]
    [InlineData(1800, 1440)]
    [InlineData(600, 300)]
    [InlineData(480, 384)]
    [InlineData(10, 8)]
    public void Renews_at_eighty_percent_or_five_minutes_before_expiry(int lifetimeSeconds, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), SharedAccessSignature.RefreshAfter(TimeSpan.FromSeconds(lifetimeSeconds)));

    [Fact]
    public void Redacts_tokens_and_signatures_from_service_text()
    {
        var text = EventHubErrors.Redact("bad token SharedAccessSignature sr=a&sig=SECRET&se=1&skn=x and sig=OTHER&se=2");

        Assert.DoesNotContain("SECRET", text, StringComparison.Ordinal);
        Assert.DoesNotContain("OTHER", text, StringComparison.Ordinal);
    }
}
