using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace DefenderConnector.Emulator.Http;

/// <summary>
/// Signs and verifies the stand-in's access tokens: compact JWTs, RS256 with one RSA 2048 key per directory
/// (Entra's access tokens are RS256 JWTs; a resource such as Event Hubs checks signature, audience, issuer
/// and lifetime itself).
/// </summary>
internal sealed class AccessTokenSigner
{
    readonly RSA key = RSA.Create(2048);

    public string KeyId { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    public string Sign(JsonObject claims)
    {
        var header = new JsonObject { ["typ"] = "JWT", ["alg"] = "RS256", ["kid"] = this.KeyId };
        string signedPart = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." +
            Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        byte[] signature = this.key.SignData(Encoding.ASCII.GetBytes(signedPart), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signedPart + "." + Base64Url(signature);
    }

    /// <summary>The claims of a well-formed RS256 token signed with this key; null for anything else.</summary>
    public JsonObject? Verify(string token)
    {
        string[] parts = token.Split('.');
        if (parts.Length != 3) { return null; }

        try
        {
            var header = JsonNode.Parse(FromBase64Url(parts[0])) as JsonObject;
            if (header?["alg"]?.GetValue<string>() != "RS256") { return null; }

            bool valid = this.key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), FromBase64Url(parts[2]),
                HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            return valid ? JsonNode.Parse(FromBase64Url(parts[1])) as JsonObject : null;
        }
        catch (Exception exception) when (exception is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    static byte[] FromBase64Url(string text)
    {
        string padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => string.Empty };
        return Convert.FromBase64String(padded);
    }
}
