using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DefenderConnector.Encoders;

/// <summary>
/// One OCSF event as a compact tree the encoders read: nodes in one array (name, kind, value, first
/// child, next sibling), scalar values in one character pool. The mapper fills it in the same
/// pass that writes the OCSF JSON (<see cref="Mapping.OcsfEventWriter"/>), so CEF and ECS never read the
/// JSON back; <see cref="OcsfTreeReader"/> fills it from OCSF JSON that comes from elsewhere (replay,
/// tests). Reused event after event: <see cref="Clear"/> keeps the arrays.
/// Values written raw by the mapper (Defender's own JSON passed through under <c>unmapped</c>, the
/// <c>observables</c> items) are kept as opaque nodes: no encoder reads below them.
/// Names are kept as their keys in an <see cref="OcsfNames"/> table (the process's shared one unless
/// given another), not as characters.
/// </summary>
internal sealed partial class OcsfTree(OcsfNames? names = null)
{
    private Node[] _nodes = new Node[256];
    private char[] _text = new char[4096];
    private int[] _open = new int[32];
    private int[] _lastChild = new int[32];
    private int _depth;

    public int Count { get; private set; }

    /// <summary>The table this tree's names are keyed in (and its paths resolved by).</summary>
    public OcsfNames Names { get; } = names ?? OcsfNames.Shared;

    /// <summary>The root object, or a node of kind <see cref="JsonValueKind.Undefined"/> when nothing was recorded.</summary>
    public OcsfNode Root => new(this, Count > 0 ? 0 : -1);

    public void Clear()
    {
        Count = 0;
        _textLength = 0;
        _depth = 0;
        _indexLength = 0;
    }

    private int _textLength;

    /// <summary>Opens an object or array (<paramref name="name"/> empty for an array item or the root).</summary>
    public void Open(JsonValueKind kind, in OcsfName name)
    {
        var index = Add(kind, name);
        if (_depth == _open.Length)
        {
            Array.Resize(ref _open, _depth * 2);
            Array.Resize(ref _lastChild, _depth * 2);
        }

        _open[_depth] = index;
        _lastChild[_depth] = -1;
        _depth++;
    }

    public void Close() => _depth--;

    public void String(in OcsfName name, ReadOnlySpan<char> value)
    {
        var index = Add(JsonValueKind.String, name);
        _nodes[index].Value = Append(value);
    }

    public void String(in OcsfName name, ReadOnlySpan<byte> utf8)
    {
        var index = Add(JsonValueKind.String, name);
        _nodes[index].Value = AppendUtf8(utf8);
    }

    public void Number(in OcsfName name, long value)
    {
        // Its text is written into the pool only if an encoder reads it (most numbers are read as numbers or not at all).
        var index = Add(JsonValueKind.Number, name);
        _nodes[index].Number = value;
        _nodes[index].IsInt64 = true;
        _nodes[index].TextPending = true;
    }

    /// <summary>Where a node's value text is in the pool; a number the mapper gave as a number is written there on first read.</summary>
    internal Range ValueOf(int index)
    {
        ref var node = ref _nodes[index];
        if (node.TextPending)
        {
            Span<char> digits = stackalloc char[20];
            node.Number.TryFormat(digits, out var length, provider: CultureInfo.InvariantCulture);
            node.Value = Append(digits[..length]);
            node.TextPending = false;
        }

        return node.Value;
    }

    /// <summary>A number as it is written in JSON (from <see cref="OcsfTreeReader"/>).</summary>
    public void Number(in OcsfName name, ReadOnlySpan<char> raw, long? value)
    {
        var index = Add(JsonValueKind.Number, name);
        _nodes[index].Value = Append(raw);
        _nodes[index].Number = value ?? 0;
        _nodes[index].IsInt64 = value is not null;
    }

    public void Literal(in OcsfName name, JsonValueKind kind) => Add(kind, name);

    /// <summary>An opaque value (raw JSON the mapper passed through).</summary>
    public void Opaque(in OcsfName name) => Add(JsonValueKind.Undefined, name);

    internal ref readonly Node At(int index) => ref _nodes[index];

    internal ReadOnlySpan<char> TextOf(Range range) => _text.AsSpan(range);

    internal ReadOnlyMemory<char> MemoryOf(Range range) => _text.AsMemory(range);

    private int Add(JsonValueKind kind, in OcsfName name)
    {
        if (Count == _nodes.Length)
        {
            Array.Resize(ref _nodes, Count * 2);
        }

        var index = Count++;
        // Only a name the table does not hold keeps its characters.
        _nodes[index] = new Node { Kind = kind, Name = name.Text is null ? default : Append(name.Text), NameKey = name.Key, FirstChild = -1, LastChild = -1, NextSibling = -1, PreviousSibling = -1, IndexStart = -1 };
        if (_depth > 0)
        {
            ref var parent = ref _nodes[_open[_depth - 1]];
            parent.ChildCount++;
            var previous = _lastChild[_depth - 1];
            if (previous < 0)
            {
                parent.FirstChild = index;
            }
            else
            {
                _nodes[previous].NextSibling = index;
                _nodes[index].PreviousSibling = previous;
            }

            parent.LastChild = index;
            _lastChild[_depth - 1] = index;
        }

        return index;
    }

    /// <summary>
    /// A cheap fingerprint of a property name (length and three characters), the key of a name beyond
    /// the name table: a lookup compares such names only where it matches.
    /// </summary>
    internal static int KeyOf(ReadOnlySpan<char> name) =>
        name.IsEmpty ? 0 : (name.Length << 20) ^ (name[0] << 12) ^ (name[name.Length >> 1] << 6) ^ name[^1];

    private Range Append(ReadOnlySpan<char> value)
    {
        Reserve(value.Length);
        value.CopyTo(_text.AsSpan(_textLength));
        var start = _textLength;
        _textLength += value.Length;
        return start.._textLength;
    }

    private Range AppendUtf8(ReadOnlySpan<byte> utf8)
    {
        Reserve(utf8.Length);
        var start = _textLength;
        _textLength += Encoding.UTF8.GetChars(utf8, _text.AsSpan(_textLength));
        return start.._textLength;
    }

    private void Reserve(int length)
    {
        if (_textLength + length > _text.Length)
        {
            Array.Resize(ref _text, Math.Max(_text.Length * 2, _textLength + length));
        }
    }

    internal struct Node
    {
        public JsonValueKind Kind;
        public Range Name;
        public int NameKey;
        public Range Value;
        public long Number;
        public bool IsInt64;
        public bool TextPending;
        public int FirstChild;
        public int LastChild;
        public int NextSibling;
        public int PreviousSibling;
        public int ChildCount;
        public int IndexStart;
        public int IndexSize;
    }
}
