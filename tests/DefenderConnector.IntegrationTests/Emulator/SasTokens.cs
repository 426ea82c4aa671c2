using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace DefenderConnector.IntegrationTests.Emulator;

/// <summary>SAS tokens built the way the .NET SDK builds them (lowercased resource, uppercase URL encoding).</summary>
internal static class SasTokens
{
    public static string RandomKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string Create(string resource, string policy, string key, DateTimeOffset expiry)
    {
        string encoded = WebUtility.UrlEncode(resource.ToLowerInvariant());
        string se = expiry.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        byte[] signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(encoded + "\n" + se));
        return $"SharedAccessSignature sr={encoded}&sig={WebUtility.UrlEncode(Convert.ToBase64String(signature))}&se={se}&skn={policy}";
    }

    public static string Valid(string resource, string policy, string key) =>
        Create(resource, policy, key, DateTimeOffset.UtcNow.AddMinutes(30));
}
