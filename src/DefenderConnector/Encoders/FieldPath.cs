using System.Collections.Concurrent;

namespace DefenderConnector.Encoders;

/// <summary>
/// Dotted paths joined from a prefix and a name (<c>actor.user</c> + <c>name</c>), one string per pair
/// for the whole process instead of a new one per event. Prefixes and names are matched by reference:
/// callers pass literals or paths this class returned, which are the same objects event after event.
/// Both tables are bounded, so a caller passing built strings only loses the reuse.
/// </summary>
internal sealed class FieldPath
{
    private const int MaxPrefixes = 1024;
    private const int MaxNames = 64;
    private static readonly ConcurrentDictionary<string, FieldPath> Prefixes = new(ReferenceEqualityComparer.Instance);

    private readonly string _prefix;
    private readonly Lock _lock = new();
    private (string Name, string Path)[] _paths = [];

    private FieldPath(string prefix) => _prefix = prefix;

    /// <summary>The paths under <paramref name="prefix"/>: look it up once, then join several names.</summary>
    public static FieldPath Under(string prefix)
    {
        if (Seen.TryGet(prefix, out var paths))
        {
            return paths;
        }

        if (Prefixes.TryGetValue(prefix, out paths))
        {
            Seen.Add(prefix, paths);
            return paths;
        }

        paths = new FieldPath(prefix);
        return Prefixes.Count < MaxPrefixes ? Prefixes.GetOrAdd(prefix, paths) : paths;
    }

    // Answers most calls by the string's address instead of hashing its identity (Prefixes' comparer).
    private static readonly IdentityTable<FieldPath> Seen = new(2 * MaxPrefixes);

    /// <summary><c>prefix.name</c>.</summary>
    public string this[string name]
    {
        get
        {
            // A handful of names per prefix: a scan by reference beats hashing the name.
            foreach (var (known, path) in Volatile.Read(ref _paths))
            {
                if (ReferenceEquals(known, name))
                {
                    return path;
                }
            }

            return Add(name);
        }
    }

    private string Add(string name)
    {
        var path = string.Concat(_prefix, ".", name);
        lock (_lock)
        {
            if (_paths.Length < MaxNames && !_paths.Any(p => ReferenceEquals(p.Name, name)))
            {
                Volatile.Write(ref _paths, [.. _paths, (name, path)]);
            }
        }

        return path;
    }
}
