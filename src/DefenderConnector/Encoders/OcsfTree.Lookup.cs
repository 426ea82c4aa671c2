using System.Text.Json;

namespace DefenderConnector.Encoders;

/// <summary>Finding nodes in the recorded event: members by name, paths from a node, scalars by node number.</summary>
internal sealed partial class OcsfTree
{
    // Child indexes of large objects, built on their first lookup (open addressing by name key).
    private int[] _index = new int[256];
    private int _indexLength;

    /// <summary>Objects with at least this many members get a child index on their first lookup.</summary>
    private const int IndexedChildren = 8;

    /// <summary>
    /// The member of object <paramref name="parent"/> named <paramref name="name"/> (the last one when a
    /// name repeats, as <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/>), or -1. Keys
    /// alone tell names in the table apart; names beyond it are compared in full where keys match. A
    /// large object (the event's root, a process) is searched through an index built on its first
    /// lookup instead of member by member, since an encoder asks it for a hundred paths, many of them missing.
    /// </summary>
    internal int FindChild(int parent, in OcsfName name)
    {
        var key = name.Key;
        ref var node = ref _nodes[parent];
        if (node.ChildCount < IndexedChildren)
        {
            // From the last child back, so the first match is the last of repeated names.
            for (var child = node.LastChild; child >= 0; child = _nodes[child].PreviousSibling)
            {
                if (_nodes[child].NameKey == key && (name.Text is null || IsNamed(child, name.Text)))
                {
                    return child;
                }
            }

            return -1;
        }

        if (node.IndexStart < 0)
        {
            BuildIndex(ref node);
        }

        var mask = node.IndexSize - 1;
        for (var slot = Slot(key, mask); ; slot = (slot + 1) & mask)
        {
            var child = _index[node.IndexStart + slot];
            if (child < 0 || (_nodes[child].NameKey == key && (name.Text is null || IsNamed(child, name.Text))))
            {
                return child;
            }
        }
    }

    /// <summary>
    /// The node <paramref name="path"/> leads to from node <paramref name="start"/>, or -1 when a step
    /// is missing or the node is JSON null. A step that is all digits indexes an array; on an object it
    /// is a member name like any other.
    /// </summary>
    internal int Resolve(int start, OcsfPath path)
    {
        var current = start;
        foreach (ref readonly var step in path.Steps.AsSpan())
        {
            ref readonly var node = ref _nodes[current];
            if (node.Kind == JsonValueKind.Array && step.Index >= 0)
            {
                if (step.Index >= node.ChildCount)
                {
                    return -1;
                }

                current = node.FirstChild;
                for (var i = 0; i < step.Index; i++)
                {
                    current = _nodes[current].NextSibling;
                }
            }
            else if (node.Kind != JsonValueKind.Object || (current = FindChild(current, step.Name)) < 0)
            {
                return -1;
            }
        }

        return _nodes[current].Kind == JsonValueKind.Null ? -1 : current;
    }

    /// <summary>A scalar's characters as <see cref="OcsfView.ScalarChars"/> reads them: an empty string counts as missing.</summary>
    internal ReadOnlyMemory<char>? ScalarChars(int index)
    {
        // Spelled out: a bare null would convert to an empty ReadOnlyMemory (through char[]), not to "missing".
        ReadOnlyMemory<char>? missing = null;
        ref readonly var node = ref _nodes[index];
        return node.Kind switch
        {
            JsonValueKind.String when node.Value.End.Value > node.Value.Start.Value => MemoryOf(node.Value),
            JsonValueKind.Number => MemoryOf(ValueOf(index)),
            JsonValueKind.True => "true".AsMemory(),
            JsonValueKind.False => "false".AsMemory(),
            _ => missing,
        };
    }

    /// <summary>A whole number that fits in 64 bits, or null.</summary>
    internal long? Int64(int index)
    {
        ref readonly var node = ref _nodes[index];
        return node.Kind == JsonValueKind.Number && node.IsInt64 ? node.Number : null;
    }

    private bool IsNamed(int node, string name) => TextOf(_nodes[node].Name).SequenceEqual(name);

    private void BuildIndex(ref Node node)
    {
        // At least twice as many slots as members, so a probe ends at an empty slot soon.
        var size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)node.ChildCount * 2);
        if (_indexLength + size > _index.Length)
        {
            Array.Resize(ref _index, Math.Max(_index.Length * 2, _indexLength + size));
        }

        var start = _indexLength;
        _indexLength += size;
        _index.AsSpan(start, size).Fill(-1);
        var mask = size - 1;
        // Last member first: a repeated name's last occurrence then comes first on its probe sequence.
        for (var child = node.LastChild; child >= 0; child = _nodes[child].PreviousSibling)
        {
            var slot = Slot(_nodes[child].NameKey, mask);
            while (_index[start + slot] >= 0)
            {
                slot = (slot + 1) & mask;
            }

            _index[start + slot] = child;
        }

        node.IndexStart = start;
        node.IndexSize = size;
    }

    private static int Slot(int key, int mask) => (int)(((uint)key * 0x9E3779B1u) >> 7) & mask;
}
