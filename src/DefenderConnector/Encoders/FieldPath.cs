using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace DefenderConnector.Encoders;

/// <summary>
/// Dotted paths joined from a prefix and a name (<c>actor.user</c> + <c>name</c>), one string per pair
/// for the whole process instead of a new one per event. Keys are the two strings themselves (by
/// reference): callers pass literals or paths this class returned, which are the same objects event
/// after event. The table is bounded, so a caller passing built strings only loses the reuse.
/// </summary>
internal static class FieldPath
{
    private const int MaxEntries = 4096;
    private static readonly ConcurrentDictionary<(string Prefix, string Name), string> Joined = new(new SameStrings());

    public static string Join(string prefix, string name)
    {
        if (Joined.TryGetValue((prefix, name), out var path))
        {
            return path;
        }

        path = string.Concat(prefix, ".", name);
        return Joined.Count < MaxEntries ? Joined.GetOrAdd((prefix, name), path) : path;
    }

    private sealed class SameStrings : IEqualityComparer<(string Prefix, string Name)>
    {
        public bool Equals((string Prefix, string Name) x, (string Prefix, string Name) y) =>
            ReferenceEquals(x.Prefix, y.Prefix) && ReferenceEquals(x.Name, y.Name);

        public int GetHashCode((string Prefix, string Name) key) =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(key.Prefix), RuntimeHelpers.GetHashCode(key.Name));
    }
}
