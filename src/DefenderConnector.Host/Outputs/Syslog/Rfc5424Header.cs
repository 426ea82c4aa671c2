using System.Globalization;
using System.Text;

namespace DefenderConnector.Host.Outputs.Syslog;

/// <summary>
/// The RFC 5424 header put before each event: <c>&lt;PRI&gt;1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID - </c>,
/// with no structured data. MSGID names the payload's encoding (OCSF, CEF, ECS) so a receiver can route on it.
/// The timestamp is when the batch was sent; the event's own time is inside the payload.
/// </summary>
internal static class Rfc5424Header
{
    public static byte[] Build(int facility, int severity, DateTimeOffset now, string hostname, string appName, string format)
    {
        var msgId = format.ToUpperInvariant();
        var text = string.Create(CultureInfo.InvariantCulture,
            $"<{facility * 8 + severity}>1 {now.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'} {hostname} {appName} {Environment.ProcessId} {msgId} - ");
        return Encoding.ASCII.GetBytes(text);
    }

    /// <summary>This machine's name, reduced to what RFC 5424 allows in HOSTNAME.</summary>
    public static string LocalHostname()
    {
        var name = new string(Environment.MachineName.Where(c => c > 32 && c < 127).ToArray());
        return name.Length == 0 ? "-" : name[..Math.Min(name.Length, 255)];
    }
}
