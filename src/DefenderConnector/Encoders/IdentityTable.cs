using System.Runtime.CompilerServices;

namespace DefenderConnector.Encoders;

/// <summary>
/// A cache of values by string object identity, for keys a process passes as the same objects call
/// after call (literals, static fields, paths built once): a lookup compares references and hashes no
/// characters. The slot comes from the string's address (the runtime's identity hash costs more than
/// that); literals live in memory the collector never moves, and a string that moves is only missed
/// and added again. When half the slots are taken it starts empty again, so strings that moved (or
/// keys passed once) never crowd out the rest for good. Readers take no lock: a slot holds a whole
/// entry or none, and a miss only sends the caller its slower way.
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

    /// <summary>Adds <paramref name="key"/> unless it is there.</summary>
    public void Add(string key, TValue value)
    {
        lock (_lock)
        {
            if (TryGet(key, out _))
            {
                return;
            }

            if (_count >= _slots.Length / 2)
            {
                Array.Clear(_slots);
                _count = 0;
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

    // The slot comes from where the string is: literals live in memory the collector never moves, so
    // their slot is fixed; a string that moves only misses here and is found the slower way.
    private static int Spread(string key) => (int)((ulong)Unsafe.As<string, nint>(ref key) * 0x9E3779B97F4A7C15UL >> 40);

    private sealed record Entry(string Key, TValue Value);
}
