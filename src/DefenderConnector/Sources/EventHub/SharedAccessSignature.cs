using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// Builds Event Hubs SAS tokens: <c>SharedAccessSignature sr=..&amp;sig=..&amp;se=..&amp;skn=..</c>, signed
/// with HMAC-SHA256 over the URL-encoded resource, a newline and the expiry (Unix seconds), keyed with
/// the UTF-8 bytes of the key exactly as written (not base64-decoded). Tokens are secrets: callers
/// never log them.
/// </summary>
internal static class SharedAccessSignature
{
    /// <summary>The signed resource: the hub's AMQP URI, lowercased as the Azure SDKs sign it, without a port.</summary>
    public static string HubResource(string fullyQualifiedNamespace, string hub) =>
        $"amqps://{fullyQualifiedNamespace}/{hub}".ToLowerInvariant();

    public static string Create(string resource, string keyName, string key, DateTimeOffset expiresAt)
    {
        var encodedResource = WebUtility.UrlEncode(resource);
        var expiry = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(encodedResource + "\n" + expiry));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"SharedAccessSignature sr={encodedResource}&sig={WebUtility.UrlEncode(Convert.ToBase64String(signature))}&se={expiry}&skn={WebUtility.UrlEncode(keyName)}");
    }

    /// <summary>
    /// When to put a fresh token: at 80 % of the lifetime or five minutes before expiry, whichever
    /// comes first; the five-minute buffer is ignored when it would eat more than half a short lifetime.
    /// </summary>
    public static TimeSpan RefreshAfter(TimeSpan lifetime)
    {
        var eighty = lifetime * 0.8;
        var buffered = lifetime - TimeSpan.FromMinutes(5);
        return buffered >= lifetime / 2 && buffered < eighty ? buffered : eighty;
    }
}
