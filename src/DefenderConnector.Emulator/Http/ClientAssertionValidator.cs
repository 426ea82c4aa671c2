using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace DefenderConnector.Emulator.Http;

/// <summary>
/// Checks a certificate client assertion (RFC 7523 JWT) as Entra does: the signature must verify with
/// the public key of a certificate registered on the app, <c>aud</c> must be the token endpoint,
/// <c>iss</c>/<c>sub</c> the client id, and <c>exp</c> in the future.
/// </summary>
internal static class ClientAssertionValidator
{
    public static AssertionVerdict Validate(string assertion, EntraApp app, string audience, DateTimeOffset now)
    {
        var parts = assertion.Split('.');
        if (parts.Length != 3)
        {
            return AssertionVerdict.Malformed;
        }

        JsonElement header, payload;
        byte[] signature;
        try
        {
            header = JsonDocument.Parse(Base64Url(parts[0])).RootElement;
            payload = JsonDocument.Parse(Base64Url(parts[1])).RootElement;
            signature = Base64Url(parts[2]);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return AssertionVerdict.Malformed;
        }

        var alg = header.TryGetProperty("alg", out var a) ? a.GetString() : null;
        var padding = alg switch
        {
            "RS256" => RSASignaturePadding.Pkcs1,
            "PS256" => RSASignaturePadding.Pss,
            _ => null,
        };
        if (padding is null)
        {
            return AssertionVerdict.Malformed;
        }

        var signed = Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}");
        var verified = app.Certificates().Any(c => Verifies(c, signed, signature, padding));
        if (!verified)
        {
            return AssertionVerdict.UnknownCertificate;
        }

        if (!string.Equals(Claim(payload, "aud"), audience, StringComparison.OrdinalIgnoreCase)
            || Claim(payload, "iss") != app.ClientId || Claim(payload, "sub") != app.ClientId)
        {
            return AssertionVerdict.BadAudience;
        }

        // MSAL writes the NumericDate claims as JSON strings; RFC 7519 says numbers. Accept both.
        long seconds = 0;
        var readable = payload.TryGetProperty("exp", out var exp) && exp.ValueKind switch
        {
            JsonValueKind.Number => exp.TryGetInt64(out seconds),
            JsonValueKind.String => long.TryParse(exp.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out seconds),
            _ => false,
        };
        return readable && DateTimeOffset.FromUnixTimeSeconds(seconds) > now ? AssertionVerdict.Valid : AssertionVerdict.Expired;
    }

    private static bool Verifies(X509Certificate2 certificate, byte[] data, byte[] signature, RSASignaturePadding padding)
    {
        using var rsa = certificate.GetRSAPublicKey();
        return rsa is not null && rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, padding);
    }

    private static string? Claim(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[] Base64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}
