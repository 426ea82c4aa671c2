using System.Net;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>Checks the options once, before anything listens, and reports every problem in one message.</summary>
internal static class EmulatorOptionsValidator
{
    public static void Validate(EventHubEmulatorOptions options)
    {
        var problems = new List<string>();
        if (!IsLoopback(options.Host))
        {
            problems.Add($"Host must be a loopback address or 'localhost' (was '{options.Host}').");
        }

        if (options.Port is < 0 or > 65535) { problems.Add($"Port must be 0..65535 (was {options.Port})."); }

        if (options.WebSocketPort is < 0 or > 65535) { problems.Add($"WebSocketPort must be 0..65535 (was {options.WebSocketPort})."); }

        if (string.IsNullOrWhiteSpace(options.HubName) || options.HubName.Contains('/'))
        {
            problems.Add("HubName must be a non-empty name without '/'.");
        }

        if (options.PartitionCount is < 1 or > 1024) { problems.Add($"PartitionCount must be 1..1024 (was {options.PartitionCount})."); }

        if (options.RecordsPerMessage < 1) { problems.Add($"RecordsPerMessage must be at least 1 (was {options.RecordsPerMessage})."); }

        if (options.MaxMessageSize < 1024) { problems.Add($"MaxMessageSize must be at least 1024 bytes (was {options.MaxMessageSize})."); }

        foreach (var (name, key) in options.Policies)
        {
            if (string.IsNullOrWhiteSpace(name) || string.IsNullOrEmpty(key))
            {
                problems.Add("Policies must have non-empty names and keys.");
                break;
            }
        }

        if (options.ConsumerGroups.Any(string.IsNullOrWhiteSpace)) { problems.Add("ConsumerGroups must not contain empty names."); }

        if (options.LoadFile is { } file && !File.Exists(file)) { problems.Add($"LoadFile '{file}' does not exist."); }

        if (options.TokenCheckInterval <= TimeSpan.Zero) { problems.Add("TokenCheckInterval must be positive."); }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid Event Hubs emulator options: " + string.Join(" ", problems), nameof(options));
        }
    }

    public static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ||
        (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}
