namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// An Event Hubs connection string:
/// <c>Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=v[;EntityPath=hub][;UseDevelopmentEmulator=true]</c>.
/// Keys are case-insensitive and in any order.
/// </summary>
internal sealed record EventHubConnectionString(string Host, int? Port, string? KeyName, string? Key, string? EntityPath, bool UseDevelopmentEmulator)
{
    /// <summary>Parses; on failure returns null and a message that never contains the key.</summary>
    public static EventHubConnectionString? TryParse(string text, out string? error)
    {
        error = null;
        string? endpoint = null, keyName = null, key = null, entity = null;
        var emulator = false;
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0)
            {
                error = "is not a connection string: every part must be Name=Value separated by ';'.";
                return null;
            }

            var name = part[..eq].Trim();
            var value = part[(eq + 1)..].Trim();
            switch (name.ToLowerInvariant())
            {
                case "endpoint": endpoint = value; break;
                case "sharedaccesskeyname": keyName = value; break;
                case "sharedaccesskey": key = value; break;
                case "entitypath": entity = value; break;
                case "usedevelopmentemulator": emulator = bool.TryParse(value, out var b) && b; break;
                case "sharedaccesssignature":
                    error = "uses SharedAccessSignature; give SharedAccessKeyName and SharedAccessKey instead so tokens can be renewed.";
                    return null;
                default:
                    break;
            }
        }

        if (endpoint is null)
        {
            error = "has no Endpoint=sb://<namespace>.servicebus.windows.net/ part.";
            return null;
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            error = $"has an Endpoint that is not a URI ('{endpoint}').";
            return null;
        }

        return new EventHubConnectionString(uri.Host, uri.IsDefaultPort || uri.Port <= 0 ? null : uri.Port, keyName, key, string.IsNullOrEmpty(entity) ? null : entity, emulator);
    }
}
