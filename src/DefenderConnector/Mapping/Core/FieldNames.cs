using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace DefenderConnector.Mapping;

/// <summary>
/// Maps property names (UTF-8) to <see cref="Column"/> without transcoding: an open-addressing
/// table keyed by a hash of the UTF-8 bytes, verified by comparing the bytes. Streaming
/// records use the column names as they are (ordinal); each API object kind has its own alias list,
/// compared ignoring ASCII case because Graph writes camelCase and the legacy APIs PascalCase.
/// </summary>
internal sealed class FieldNames
{
    public const int MaxNameLength = 96;

    private readonly byte[][] _names;
    private readonly Column[] _columns;
    private readonly int[] _slots;
    private readonly bool _ignoreCase;

    public FieldNames(IEnumerable<KeyValuePair<string, Column>> names, bool ignoreCase)
    {
        _ignoreCase = ignoreCase;
        var list = names.ToList();
        _names = [.. list.Select(n => Encoding.UTF8.GetBytes(n.Key))];
        _columns = [.. list.Select(n => n.Value)];
        var size = 16;
        while (size < list.Count * 4)
        {
            size *= 2;
        }

        _slots = new int[size];
        for (var i = 0; i < _names.Length; i++)
        {
            if (Find(_names[i]) >= 0)
            {
                throw new ArgumentException($"Duplicate field name {list[i].Key}.", nameof(names));
            }

            var slot = Hash(_names[i]) & (size - 1);
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & (size - 1);
            }

            _slots[slot] = i + 1;
        }
    }

    /// <summary>The Defender table columns, by their exact names.</summary>
    public static FieldNames Streaming { get; } = new(
        Enum.GetValues<Column>().Select(c => KeyValuePair.Create(c.ToString(), c)), ignoreCase: false);

    public bool TryFind(ReadOnlySpan<byte> utf8Name, out Column column)
    {
        var index = Find(utf8Name);
        column = index >= 0 ? _columns[index] : default;
        return index >= 0;
    }

    private int Find(ReadOnlySpan<byte> name)
    {
        var mask = _slots.Length - 1;
        var slot = Hash(name) & mask;
        while (_slots[slot] != 0)
        {
            var candidate = _slots[slot] - 1;
            if (_ignoreCase ? Ascii.EqualsIgnoreCase(_names[candidate], name) : _names[candidate].AsSpan().SequenceEqual(name))
            {
                return candidate;
            }

            slot = (slot + 1) & mask;
        }

        return -1;
    }

    // Length and three 8-byte words (start, middle, end) instead of a byte-by-byte hash: column
    // names share long prefixes (InitiatingProcess...) but rarely all of these, and a collision only
    // costs a probe. Case is folded by setting bit 0x20, which equal-ignoring-case names share.
    private int Hash(ReadOnlySpan<byte> name)
    {
        var fold = _ignoreCase ? 0x2020202020202020UL : 0UL;
        var hash = (ulong)name.Length * 0x9E3779B97F4A7C15UL;
        if (name.Length >= 8)
        {
            hash = Mix(hash, BinaryPrimitives.ReadUInt64LittleEndian(name) | fold);
            hash = Mix(hash, BinaryPrimitives.ReadUInt64LittleEndian(name[((name.Length / 2) - 4)..]) | fold);
            hash = Mix(hash, BinaryPrimitives.ReadUInt64LittleEndian(name[^8..]) | fold);
        }
        else
        {
            foreach (var b in name)
            {
                hash = Mix(hash, b | (fold & 0x20));
            }
        }

        return (int)((hash ^ (hash >> 32)) & 0x7FFFFFFF);
    }

    private static ulong Mix(ulong hash, ulong word) => BitOperations.RotateLeft((hash ^ word) * 0xFF51AFD7ED558CCDUL, 29);
}
