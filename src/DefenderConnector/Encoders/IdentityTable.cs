namespace DefenderConnector.Encoders;

/// <summary>
/// A table of strings by object identity that only grows, up to half its slots: for keys a process
/// passes as the same objects call after call (literals, static fields), so a lookup compares
/// references, hashes no characters and two keys never evict each other. The slot comes from the
/// length and three characters (the runtime's identity hash costs more than that). Once full it
/// answers only what it holds; callers then take their slower way for the rest. Readers take no
/// lock: a slot holds a whole entry or none.
/// </summary>
internal sealed class IdentityTable<TValue>(int slots)
{
    private readonly Entry?[] _slots = new Entry?[(int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(slots, 2))];
    private readonly Lock _lock = new();
    private int _count;

    public bool TryGet(string key, out TValue value)
    {
        var mask = _slots.Length - 1;
        for (var slot = Spread(key) & mask; ; slot = (slot + 1) & mask)
        {
            // An entry's fields are read through the reference just read, so they are seen as written.
            var entry = _slots[slot];
            if (entry is null)
            {
                value = default!;
                return false;
            }

            if (ReferenceEquals(entry.Key, key))
            {
                value = entry.Value;
                return true;
            }
        }
    }

    /// <summary>Adds <paramref name="key"/> unless it is there or the table is full (then nothing happens).</summary>
    public void Add(string key, TValue value)
    {
        lock (_lock)
        {
            if (_count >= _slots.Length / 2 || TryGet(key, out _))
            {
                return;
            }

            var mask = _slots.Length - 1;
            var slot = Spread(key) & mask;
            while (_slots[slot] is not null)
            {
                slot = (slot + 1) & mask;
            }

            var added = new Entry(key, value);
            Interlocked.MemoryBarrier();
            _slots[slot] = added;
            _count++;
        }
    }

    private static int Spread(string key) => key.Length == 0
        ? 0
        : (int)(((uint)key.Length * 0x9E3779B1u ^ (uint)(key[0] | (key[key.Length >> 1] << 7) | (key[^1] << 14)) * 0x85EBCA6Bu) >> 15);

    private sealed record Entry(string Key, TValue Value);
}
