using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DefenderConnector.Encoders;

/// <summary>
/// A property name of a recorded OCSF event as its key: a small number for a name in the
/// <see cref="OcsfNames"/> table (<see cref="Text"/> null), or, for a name beyond the table's capacity,
/// a fingerprint that can never equal a table number, with the name's text to compare.
/// </summary>
internal readonly struct OcsfName(int key, string? text)
{
    /// <summary>The name of an array item or of the root (none).</summary>
    public static readonly OcsfName None = Unlisted(string.Empty);

    public int Key { get; } = key;

    /// <summary>The name's text for a name the table does not hold; null for one it does (the key alone tells names apart).</summary>
    public string? Text { get; } = text;

    /// <summary>A name kept out of the table: its key has bit 30 set or is negative, so it never equals a table number.</summary>
    public static OcsfName Unlisted(string text) => new(OcsfTree.KeyOf(text) | 0x4000_0000, text);
}

/// <summary>
/// The property names of recorded OCSF events, numbered once per process, and the dotted paths the
/// encoders read, split and resolved once per process: a tree stores each node's name as a number
/// and a lookup compares numbers, where every node used to copy its name's characters and every
/// lookup split its path and compared characters. The mappers write a few hundred distinct names,
/// passed as the same objects event after event (<see cref="JsonEncodedText"/> fields, literals),
/// so small tables by object identity answer most calls without hashing a name. The table holds
/// at most <c>capacity</c> names; a name beyond it (only OCSF JSON from elsewhere, read by
/// <see cref="OcsfTreeReader"/>, can bring that many) is kept with its text and compared by it.
/// Safe for concurrent use: the number table grows under a lock, and the caches in front of it
/// (<see cref="IdentityTable{TValue}"/>, and one by content for UTF-8 names) publish a key only after
/// its value, so a concurrent caller at worst misses them.
/// </summary>
internal sealed class OcsfNames
{
    private const int CacheSlots = 2048;
    private const int MaxPaths = 4096;

    private readonly int _capacity;
    private readonly ConcurrentDictionary<string, int> _numbers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _numbersByChars;
    private readonly Lock _lock = new();
    private readonly IdentityTable<OcsfName> _strings = new(CacheSlots);
    private readonly IdentityTable<OcsfName> _encoded = new(CacheSlots);
    private readonly Utf8Table _utf8 = new(CacheSlots);
    private readonly ConcurrentDictionary<string, OcsfPath> _paths = new(StringComparer.Ordinal);
    private readonly IdentityTable<OcsfPath> _pathsSeen = new(CacheSlots);

    /// <param name="capacity">How many names get a number (at most 2^30).</param>
    public OcsfNames(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, 0x4000_0000);
        _capacity = capacity;
        _numbersByChars = _numbers.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The table every tree uses unless given another: room for far more names than OCSF has.</summary>
    public static OcsfNames Shared { get; } = new(8192);

    /// <summary>How many names have a number.</summary>
    public int Count => _numbers.Count;

    /// <summary>A name given as a string (a literal: the same object on every call).</summary>
    public OcsfName Of(string name) => _strings.GetOrAdd(name, this, static (n, names) => names.Number(n));

    /// <summary>A name given as <see cref="JsonEncodedText"/> (its value is the escaped form).</summary>
    public OcsfName Of(JsonEncodedText name) =>
        _encoded.GetOrAdd(name.Value, this, static (encoded, names) =>
            names.Number(encoded.Contains('\\', StringComparison.Ordinal) ? JsonSerializer.Deserialize<string>("\"" + encoded + "\"")! : encoded));

    /// <summary>A name given as UTF-8 (<c>"name"u8</c>).</summary>
    public OcsfName Of(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return OcsfName.None;
        }

        if (_utf8.TryGet(utf8, out var known))
        {
            return known;
        }

        var result = Number(Encoding.UTF8.GetString(utf8));
        _utf8.Add(utf8, result);
        return result;
    }

    /// <summary>A name given as characters (OCSF JSON read back, ad hoc lookups).</summary>
    public OcsfName Of(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty)
        {
            return OcsfName.None;
        }

        return _numbersByChars.TryGetValue(name, out var number) ? new OcsfName(number, null) : Number(new string(name));
    }

    /// <summary>The dotted path <paramref name="dotted"/> split into resolved steps (<c>actor.process.file.name</c>, <c>web_resources.0.url_string</c>).</summary>
    public OcsfPath Path(string dotted) => _pathsSeen.GetOrAdd(dotted, this, static (d, names) => names.Split(d));

    private OcsfPath Split(string dotted)
    {
        if (_paths.TryGetValue(dotted, out var path))
        {
            return path;
        }

        path = new OcsfPath(this, dotted);
        return _paths.Count < MaxPaths ? _paths.GetOrAdd(dotted, path) : path;
    }

    private OcsfName Number(string text)
    {
        if (text.Length == 0)
        {
            return OcsfName.None;
        }

        if (_numbers.TryGetValue(text, out var number))
        {
            return new OcsfName(number, null);
        }

        // Under the lock, so that once the table is full no name is ever added: a name then kept
        // out of it is out of it for good, and every tree and path agrees on how it is keyed.
        lock (_lock)
        {
            if (_numbers.TryGetValue(text, out number))
            {
                return new OcsfName(number, null);
            }

            if (_numbers.Count >= _capacity)
            {
                return OcsfName.Unlisted(text);
            }

            number = _numbers.Count;
            _numbers[text] = number;
            return new OcsfName(number, null);
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Count} of {_capacity} names");

    /// <summary>Names given as UTF-8, by content: as <see cref="IdentityTable{TValue}"/>, a hit checked byte for byte.</summary>
    private sealed class Utf8Table(int slots)
    {
        private readonly Entry?[] _slots = new Entry?[slots];
        private readonly Lock _lock = new();
        private int _count;

        public bool TryGet(ReadOnlySpan<byte> utf8, out OcsfName name)
        {
            var mask = _slots.Length - 1;
            for (var slot = Spread(utf8) & mask; ; slot = (slot + 1) & mask)
            {
                var entry = _slots[slot];
                if (entry is null)
                {
                    name = default;
                    return false;
                }

                if (utf8.SequenceEqual(entry.Utf8))
                {
                    name = entry.Name;
                    return true;
                }
            }
        }

        public void Add(ReadOnlySpan<byte> utf8, OcsfName name)
        {
            lock (_lock)
            {
                if (_count >= _slots.Length / 2 || TryGet(utf8, out _))
                {
                    return;
                }

                var mask = _slots.Length - 1;
                var slot = Spread(utf8) & mask;
                while (_slots[slot] is not null)
                {
                    slot = (slot + 1) & mask;
                }

                var added = new Entry(utf8.ToArray(), name);
                Interlocked.MemoryBarrier();
                _slots[slot] = added;
                _count++;
            }
        }

        // Length and three bytes, spread over the slots.
        private static int Spread(ReadOnlySpan<byte> utf8) =>
            (int)(((uint)utf8.Length * 0x9E3779B1u ^ (uint)(utf8[0] | (utf8[utf8.Length >> 1] << 8) | (utf8[^1] << 16)) * 0x85EBCA6Bu) >> 16);

        private sealed record Entry(byte[] Utf8, OcsfName Name);
    }
}

/// <summary>
/// A dotted attribute path split into steps once: each step's name key, and its number when the
/// step is all digits (it then indexes an array, <c>web_resources.0</c>).
/// </summary>
internal sealed class OcsfPath
{
    public OcsfPath(OcsfNames names, string dotted)
    {
        var parts = dotted.Split('.');
        Steps = new Step[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var index = int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
            Steps[i] = new Step(names.Of(parts[i].AsSpan()), index);
        }
    }

    public Step[] Steps { get; }

    /// <param name="Name">The member name.</param>
    /// <param name="Index">The array index the step also reads as, or -1.</param>
    public readonly record struct Step(OcsfName Name, int Index);
}
