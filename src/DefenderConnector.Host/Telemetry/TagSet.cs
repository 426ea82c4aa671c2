namespace DefenderConnector.Host.Telemetry;

/// <summary>A gauge's tag set as a dictionary key: equal when the same tags hold the same values, in the same order.</summary>
internal readonly struct TagSet : IEquatable<TagSet>
{
    public TagSet(KeyValuePair<string, string>[] tags) => Tags = tags;

    public KeyValuePair<string, string>[] Tags { get; }

    public bool Equals(TagSet other)
    {
        if (Tags.Length != other.Tags.Length)
        {
            return false;
        }

        for (var i = 0; i < Tags.Length; i++)
        {
            if (!string.Equals(Tags[i].Key, other.Tags[i].Key, StringComparison.Ordinal) || !string.Equals(Tags[i].Value, other.Tags[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is TagSet other && Equals(other);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var (key, value) in Tags)
        {
            hash.Add(key, StringComparer.Ordinal);
            hash.Add(value, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }
}
