using System.Security.Cryptography.X509Certificates;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>How the Event Hubs emulator is set up.</summary>
public sealed class EventHubEmulatorOptions
{
    /// <summary>The address to listen on (loopback by default).</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The port; 0 picks a free one (read <c>EventHubEmulator.Port</c> after start).</summary>
    public int Port { get; set; }

    /// <summary>The one event hub the emulator serves.</summary>
    public string HubName { get; set; } = "defender";

    /// <summary>Number of partitions, ids "0".."n-1".</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>SAS policies: name → key. Tokens are checked against these (signature and expiry).</summary>
    public IDictionary<string, string> Policies { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Consumer groups (compared case-insensitively); <c>$Default</c> always exists.</summary>
    public IList<string> ConsumerGroups { get; } = new List<string>();

    /// <summary>Serve AMQP over TLS with <see cref="Certificate"/> (generated for the host when null).</summary>
    public bool UseTls { get; set; }

    /// <summary>The TLS server certificate, with its private key.</summary>
    public X509Certificate2? Certificate { get; set; }
}
