using System.Text.RegularExpressions;

namespace DefenderConnector.Configuration;

/// <summary>
/// Keeps secrets out of settings messages whatever setting they were pasted into: a message quoting a
/// value that looks like a connection string, a key or a password has that value replaced by a
/// description. Looks like a secret: it names a key or password (<c>SharedAccessKey=</c>,
/// <c>AccountKey=</c>, <c>Password=</c>, <c>sig=</c>), or holds a run of 20 or more key characters mixing
/// upper case, lower case and digits that is not a GUID (base64 keys, Entra client secrets).
/// </summary>
internal static partial class SecretRedaction
{
    public const string Hidden = "(a value that looks like a key or connection string, not shown)";

    public static string Redact(string message) =>
        QuotedValue().Replace(message, m => LooksSecret(m.Groups["v"].Value) ? Hidden : m.Value);

    public static bool LooksSecret(string value)
    {
        if (Named().IsMatch(value))
        {
            return true;
        }

        foreach (Match run in KeyRun().Matches(value))
        {
            var text = run.Value;
            if (Guid.TryParse(text.Trim('.', '-', '_'), out _))
            {
                continue;
            }

            if (text.Any(char.IsUpper) && text.Any(char.IsLower) && text.Any(char.IsDigit))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex("""'(?<v>[^']*)'|"(?<v>[^"]*)"|(?<v>(?:Endpoint|SharedAccessKey\w*|AccountKey|Password)=[^\s,]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex QuotedValue();

    [GeneratedRegex("(SharedAccessKey|SharedAccessSignature|AccountKey|Password|client_secret|sig)=", RegexOptions.IgnoreCase)]
    private static partial Regex Named();

    [GeneratedRegex("[A-Za-z0-9+/=~_.\\-]{20,}")]
    private static partial Regex KeyRun();
}
