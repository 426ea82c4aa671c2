using System.Text;

namespace DefenderConnector.Mapping;

/// <summary>
/// Maps property names (UTF-8) to <see cref="Column"/> without transcoding: an open-addressing
/// table keyed by an FNV-1a hash of the UTF-8 bytes, verified by comparing the bytes. Streaming
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

    private int Hash(ReadOnlySpan<byte> name)
    {
        var hash = 2166136261u;
        foreach (var b in name)
        {
            var c = _ignoreCase && b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b + 32) : b;
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash & 0x7FFFFFFF);
    }
}
