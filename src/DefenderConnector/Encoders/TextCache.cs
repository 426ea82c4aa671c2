namespace DefenderConnector.Encoders;

/// <summary>
/// Strings for short values read from event trees, reused across events: class and activity names,
/// product, tenant, device, user and file names repeat from one event to the next, and a new string
/// for each read made ECS allocate several kilobytes per event (collections under load cost more
/// CPU than the lookups here). A lossy table: one slot per hash, the last value wins, a hit is
/// checked character for character. Slots are read and written without locks: each holds a whole
/// string or nothing, so concurrent encoders at worst miss.
/// </summary>
internal static class TextCache
{
    private const int MaxLength = 64;
    private static readonly string?[] Slots = new string?[4096];

    public static string Get(ReadOnlySpan<char> text)
    {
        if (text.Length > MaxLength)
        {
            return new string(text);
        }

        if (text.IsEmpty)
        {
            return string.Empty;
        }

        var slot = (int)((uint)string.GetHashCode(text) % (uint)Slots.Length);
        var cached = Slots[slot];
        if (cached is not null && text.SequenceEqual(cached))
        {
            return cached;
        }

        var created = new string(text);
        Slots[slot] = created;
        return created;
    }
}
