using System.Runtime.CompilerServices;

namespace DefenderConnector.Encoders;

/// <summary>
/// A cache of values by string object identity, for keys a process passes as the same objects call
/// after call (literals, static fields, paths built once): a lookup compares references and hashes no
/// characters. The slot comes from the string's address (the runtime's identity hash costs more than
/// that); literals live in memory the collector never moves, and a string that moves is only missed
/// and added again. Each key sits beside its value in one array of pairs, so a hit reads one cache line
/// and no entry object. When half the slots are taken it starts again with an empty array, so strings
/// that moved (or keys passed once) never crowd out the rest for good. Readers take no lock: a key is published after its value, and a
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
            var pairs = slots.Pairs;
            var mask = pairs.Length - 1;
            for (var slot = Spread(key) & mask; ; slot = (slot + 1) & mask)
            {
                // A slot's value is written before its key and neither changes afterwards.
                ref var pair = ref pairs[slot];
                var known = Volatile.Read(ref pair.Key);
                if (ReferenceEquals(known, key))
                {
                    value = pair.Value;
                    return true;
                }

                if (known is null)
                {
                    break;
                }
            }
        }

        value = default!;
        return false;
    }

    /// <summary>
    /// The value cached for <paramref name="key"/>, or else the one <paramref name="find"/> gives (the
    /// caller's slower way, by content), cached for the next call.
    /// </summary>
    public TValue GetOrAdd<TState>(string key, TState state, Func<string, TState, TValue> find)
    {
        if (TryGet(key, out var value))
        {
            return value;
        }

        value = find(key, state);
        Add(key, value);
        return value;
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

            // Starting again means a new array: readers still in the old one read it as it was.
            var slots = _slots is { } current && current.Count < _size / 2 ? current : new Slots(_size);
            var mask = slots.Pairs.Length - 1;
            var slot = Spread(key) & mask;
            while (slots.Pairs[slot].Key is not null)
            {
                slot = (slot + 1) & mask;
            }

            slots.Pairs[slot].Value = value;
            Volatile.Write(ref slots.Pairs[slot].Key, key);
            slots.Count++;
            Volatile.Write(ref _slots, slots);
        }
    }

    // The slot comes from where the string is: literals live in memory the collector never moves, so
    // their slot is fixed; a string that moves only misses here and is found the slower way. Taken from
    // the address as it is (no mixing), so literals that sit together in memory, as one class's do,
    // have their slots together too: the few cache lines of the array a pass over an event touches.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Spread(string key) => (int)((nuint)Unsafe.As<string, nint>(ref key) >> 3);

    private sealed class Slots(int size)
    {
        public readonly Pair[] Pairs = new Pair[size];
        public int Count;
    }

    private struct Pair
    {
        public string? Key;
        public TValue Value;
    }
}
