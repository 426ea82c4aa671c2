using System.Runtime.CompilerServices;

namespace DefenderConnector.Encoders;

/// <summary>
/// A cache of values by string object identity, for keys a process passes as the same objects call
/// after call (literals, static fields, paths built once): a lookup compares references and hashes no
/// characters. The slot comes from the string's address (the runtime's identity hash costs more than
/// that); literals live in memory the collector never moves, and a string that moves is only missed
/// and added again. Keys and values sit in two arrays, so a lookup reads no entry object. When half
/// the slots are taken it starts again with empty arrays, so strings that moved (or keys passed once)
/// never crowd out the rest for good. Readers take no lock: a key is published after its value, and a
/// miss only sends the caller its slower way.
/// </summary>
internal sealed class IdentityTable<TValue>(int slots)
{
    private readonly int _size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(slots, 2));
    private readonly Lock _lock = new();
    private Slots? _slots;

    public bool TryGet(string key, out TValue value)
    {
        if (Volatile.Read(ref _slots) is { } slots)
        {
            var mask = slots.Keys.Length - 1;
            for (var slot = Spread(key) & mask; ; slot = (slot + 1) & mask)
            {
                // A slot's value is written before its key and neither changes afterwards.
                var known = Volatile.Read(ref slots.Keys[slot]);
                if (known is null)
                {
                    break;
                }

                if (ReferenceEquals(known, key))
                {
                    value = slots.Values[slot];
                    return true;
                }
            }
        }

        value = default!;
        return false;
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

            // Starting again means new arrays: readers still in the old ones read them as they were.
            var slots = _slots is { } current && current.Count < _size / 2 ? current : new Slots(_size);
            var mask = slots.Keys.Length - 1;
            var slot = Spread(key) & mask;
            while (slots.Keys[slot] is not null)
            {
                slot = (slot + 1) & mask;
            }

            slots.Values[slot] = value;
            Volatile.Write(ref slots.Keys[slot], key);
            slots.Count++;
            Volatile.Write(ref _slots, slots);
        }
    }

    // The slot comes from where the string is: literals live in memory the collector never moves, so
    // their slot is fixed; a string that moves only misses here and is found the slower way. Taken from
    // the address as it is (no mixing), so literals that sit together in memory, as one class's do,
    // have their slots together too: the few cache lines of the arrays a pass over an event touches.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Spread(string key) => (int)((nuint)Unsafe.As<string, nint>(ref key) >> 3);

    private sealed class Slots(int size)
    {
        public readonly string?[] Keys = new string?[size];
        public readonly TValue[] Values = new TValue[size];
        public int Count;
    }
}
