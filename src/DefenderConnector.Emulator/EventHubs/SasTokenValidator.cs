using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>
/// Checks a <c>SharedAccessSignature</c> token the way the service does: fields in any order, the policy
/// must exist, the HMAC-SHA256 of "sr as sent\nse" keyed with the UTF-8 key bytes must match, the expiry
/// must be in the future and the signed resource must cover the audience. Descriptions never echo a key
/// or a signature.
/// </summary>
internal sealed class SasTokenValidator(IReadOnlyDictionary<string, string> policies, TimeProvider time)
{
    const string Prefix = "SharedAccessSignature ";

    /// <summary>True when the token is a SAS token (whatever type the put-token named).</summary>
    public static bool IsSasToken(string token) => token.TrimStart().StartsWith(Prefix, StringComparison.Ordinal);

    /// <param name="token">The token string.</param>
    /// <param name="audience">The audience URI or path the token must cover; compared without scheme and port.</param>
    /// <param name="compareHost">False when the audience is a bare path (no host to compare).</param>
    public SasTokenCheck Validate(string? token, string audience, bool compareHost)
    {
        token = token?.Trim();
        if (token is null || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return SasTokenCheck.Unauthorized("The token is not a SharedAccessSignature token.");
        }

        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string pair in token[Prefix.Length..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=');
            if (eq > 0) { fields[pair[..eq].Trim()] = pair[(eq + 1)..]; }
        }

        if (!fields.TryGetValue("sr", out var resource) || !fields.TryGetValue("sig", out var signature) ||
            !fields.TryGetValue("se", out var expiry) || !fields.TryGetValue("skn", out var keyName))
        {
            return SasTokenCheck.Unauthorized("The SharedAccessSignature token is malformed: sr, sig, se and skn are all required.");
        }

        string policy = WebUtility.UrlDecode(keyName);
        if (!policies.TryGetValue(policy, out var key))
        {
            return SasTokenCheck.Unauthorized($"The SAS policy '{policy}' does not exist on this namespace.");
        }

        byte[] expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(resource + "\n" + expiry));
        byte[] actual;
        try
        {
            actual = Convert.FromBase64String(WebUtility.UrlDecode(signature));
        }
        catch (FormatException)
        {
            return SasTokenCheck.Unauthorized($"The token signature does not match for policy '{policy}'.");
        }

        if (!CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            return SasTokenCheck.Unauthorized($"The token signature does not match for policy '{policy}'.");
        }

        if (!long.TryParse(expiry, NumberStyles.Integer, CultureInfo.InvariantCulture, out long seconds))
        {
            return SasTokenCheck.Unauthorized("The SharedAccessSignature token expiry (se) is not a number.");
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (expiresAt <= time.GetUtcNow())
        {
            return SasTokenCheck.Unauthorized($"The token for policy '{policy}' has expired at {expiresAt:O}.");
        }

        var (signedHost, signedPath) = SplitUri(WebUtility.UrlDecode(resource));
        string wantedPath = audience.Trim().Trim('/').ToLowerInvariant();
        string wantedHost = string.Empty;
        if (compareHost) { (wantedHost, wantedPath) = SplitUri(audience); }

        if ((compareHost && signedHost != wantedHost) || !Covers(signedPath, wantedPath))
        {
            return SasTokenCheck.Unauthorized($"The token audience '{signedPath}' does not cover '{wantedPath}'.");
        }

        return SasTokenCheck.Success(expiresAt);
    }

    /// <summary>True when <paramref name="prefix"/> equals <paramref name="path"/> or is a whole-segment prefix of it.</summary>
    public static bool Covers(string prefix, string path) =>
        prefix.Length == 0 || path == prefix || path.StartsWith(prefix + "/", StringComparison.Ordinal);

    /// <summary>Lowercased host (without port) and path (without slashes at the ends); the scheme is ignored.</summary>
    public static (string Host, string Path) SplitUri(string uri)
    {
        string value = uri.Trim().ToLowerInvariant();
        int scheme = value.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0) { value = value[(scheme + 3)..]; }

        int slash = value.IndexOf('/');
        string host = slash < 0 ? value : value[..slash];
        string path = slash < 0 ? string.Empty : value[(slash + 1)..].Trim('/');
        int colon = host.LastIndexOf(':');
        if (colon > 0 && !host.EndsWith(']')) { host = host[..colon]; }

        return (host, path);
    }
}
