using System.Text.Json;

namespace DefenderConnector.Encoders;

/// <summary>
/// One node of an <see cref="OcsfTree"/>, read like a <see cref="JsonElement"/> (the members the
/// encoders use). Valid until the tree is cleared for the next event.
/// </summary>
internal readonly struct OcsfNode
{
    private readonly OcsfTree _tree;
    private readonly int _index;

    public OcsfNode(OcsfTree tree, int index)
    {
        _tree = tree;
        _index = index;
    }

    public JsonValueKind ValueKind => _index < 0 ? JsonValueKind.Undefined : Node.Kind;

    private ref readonly OcsfTree.Node Node => ref _tree.At(_index);

    public bool TryGetInt64(out long value)
    {
        value = Node.Number;
        return Node.Kind == JsonValueKind.Number && Node.IsInt64;
    }

    public bool TryGetInt32(out int value)
    {
        var ok = TryGetInt64(out var wide) && wide is >= int.MinValue and <= int.MaxValue;
        value = ok ? (int)wide : 0;
        return ok;
    }

    public int GetArrayLength() => Node.ChildCount;

    public OcsfNode this[int index]
    {
        get
        {
            var child = Node.FirstChild;
            for (var i = 0; i < index && child >= 0; i++)
            {
                child = _tree.At(child).NextSibling;
            }

            return new OcsfNode(_tree, child);
        }
    }

    /// <summary>The property named <paramref name="name"/>; the last one when a name repeats, as <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/>.</summary>
    public bool TryGetProperty(ReadOnlySpan<char> name, out OcsfNode value) => TryGetProperty(_tree.Names.Of(name), out value);

    /// <summary>As <see cref="TryGetProperty(ReadOnlySpan{char}, out OcsfNode)"/>, by the name's key in the tree's name table.</summary>
    public bool TryGetProperty(in OcsfName name, out OcsfNode value)
    {
        var child = _tree.FindChild(_index, name);
        value = new OcsfNode(_tree, child);
        return child >= 0;
    }

    /// <summary>The tree the node is in (null for <c>default</c>).</summary>
    public OcsfTree? Tree => _tree;

    /// <summary>The node's place in its tree (-1: none).</summary>
    public int Index => _index;

    /// <summary>A string's value, or a number's text as written.</summary>
    public string GetString() => TextCache.Get(ValueSpan);

    public ReadOnlySpan<char> ValueSpan => _tree.TextOf(_tree.ValueOf(_index));

    public ReadOnlyMemory<char> ValueMemory => _tree.MemoryOf(_tree.ValueOf(_index));

    /// <summary>The items of an array, enumerated without allocating when used in <c>foreach</c>.</summary>
    public ArrayItems EnumerateArray() => new(_tree, Node.FirstChild);

    /// <summary>The items of an array node (none for <c>default</c>): a struct, so <c>foreach</c> needs no enumerator object.</summary>
    public readonly struct ArrayItems(OcsfTree? tree, int first) : IEnumerable<OcsfNode>
    {
        public Enumerator GetEnumerator() => new(tree, tree is null ? -1 : first);

        IEnumerator<OcsfNode> IEnumerable<OcsfNode>.GetEnumerator() => GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    public struct Enumerator(OcsfTree? tree, int first) : IEnumerator<OcsfNode>
    {
        private readonly int _first = first;
        private int _current = -1;
        private int _next = first;

        public readonly OcsfNode Current => new(tree!, _current);

        readonly object System.Collections.IEnumerator.Current => Current;

        public bool MoveNext()
        {
            if (_next < 0)
            {
                return false;
            }

            _current = _next;
            _next = tree!.At(_next).NextSibling;
            return true;
        }

        public void Reset()
        {
            _current = -1;
            _next = _first;
        }

        public readonly void Dispose()
        {
        }
    }
}
