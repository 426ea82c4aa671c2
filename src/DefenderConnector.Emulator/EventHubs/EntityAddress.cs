namespace DefenderConnector.Emulator.EventHubs;

/// <summary>
/// A parsed link address. Clients send three spellings (.NET a leading slash, Python a full URL,
/// AMQPNetLite and Go a bare path), so the scheme, host and slashes are dropped before matching.
/// </summary>
internal sealed record EntityAddress(EntityKind Kind, string Hub, string? ConsumerGroup, string? PartitionId, string Path)
{
    /// <summary>The normalized path, lowercased: what CBS authorizations are compared against.</summary>
    public string AuthorizationPath => this.Path.ToLowerInvariant();

    public static EntityAddress Parse(string? address)
    {
        string path = NormalizePath(address);
        string[] segments = path.Split('/');
        string hub = segments[0];
        if (segments.Length == 1 && hub.Length > 0)
        {
            return new EntityAddress(EntityKind.Hub, hub, null, null, path);
        }

        if (segments.Length == 3 && Is(segments[1], "Partitions"))
        {
            return new EntityAddress(EntityKind.PartitionSender, hub, null, segments[2], path);
        }

        if (segments.Length == 5 && Is(segments[1], "ConsumerGroups") && Is(segments[3], "Partitions"))
        {
            return new EntityAddress(EntityKind.ConsumerPartition, hub, segments[2], segments[4], path);
        }

        return new EntityAddress(EntityKind.Unknown, hub, null, null, path);
    }

    /// <summary>Drops an optional <c>scheme://host[:port]</c>, then leading and trailing slashes.</summary>
    public static string NormalizePath(string? address)
    {
        string value = address ?? string.Empty;
        int scheme = value.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            int slash = value.IndexOf('/', scheme + 3);
            value = slash < 0 ? string.Empty : value[slash..];
        }

        return value.Trim('/');
    }

    static bool Is(string segment, string expected) => string.Equals(segment, expected, StringComparison.OrdinalIgnoreCase);
}
