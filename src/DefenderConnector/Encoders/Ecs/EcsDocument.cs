using System.Runtime.InteropServices;
using System.Text.Json;

namespace DefenderConnector.Encoders.Ecs;

/// <summary>
/// An ECS document built from dotted field names and written as nested JSON with sorted keys, so
/// the output is stable (golden files) whatever order the mappers set fields in. The first value
/// set for a field wins; list fields keep distinct values in insertion order. Fields are kept flat
/// (one list) and nested only when written: sorting the dotted names segment by segment gives the
/// same order as sorting every object's keys. Reused event after event: which fields and objects an
/// event has is kept in tables by field id (<see cref="EcsField"/>), stamped with the event's
/// generation, so starting the next event clears nothing and no name is hashed more than once.
/// </summary>
internal sealed partial class EcsDocument
{
    private readonly List<EcsValue> _fields = [];
    private readonly List<List<ReadOnlyMemory<char>>> _lists = [];
    private int _listsUsed;

    // Items of arrays of objects (email.attachments) and their lists, reused as _lists are.
    private readonly List<EcsDocument> _children = [];
    private int _childrenUsed;
    private readonly List<List<EcsDocument>> _objectLists = [];
    private int _objectListsUsed;

    // By field id: where its value is in _fields (valid when _valueStamp matches), and whether it is an object.
    private int[] _valueAt = [];
    private int[] _valueStamp = [];
    private int[] _objectStamp = [];
    private int _generation = 1;

    /// <summary>Empties the document for the next event, keeping its storage (one instance is reused per thread).</summary>
    public void Clear()
    {
        _fields.Clear();
        for (var i = 0; i < _listsUsed; i++)
        {
            // Nothing of this event stays reachable from a reused list.
            _lists[i].Clear();
        }

        _listsUsed = 0;
        for (var i = 0; i < _childrenUsed; i++)
        {
            _children[i].Clear();
        }

        _childrenUsed = 0;
        for (var i = 0; i < _objectListsUsed; i++)
        {
            _objectLists[i].Clear();
        }

        _objectListsUsed = 0;
        if (++_generation == int.MaxValue)
        {
            Array.Clear(_valueStamp);
            Array.Clear(_objectStamp);
            _generation = 1;
        }
    }

    public void Set(string field, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            SetValue(EcsField.Of(field), new EcsValue(EcsValueKind.Text) { Chars = value.AsMemory() });
        }
    }

    /// <summary>A string read in place from the event's tree (valid until the next event: the document is written before then).</summary>
    public void Set(string field, ReadOnlyMemory<char>? value)
    {
        if (value is { IsEmpty: false } text)
        {
            SetValue(EcsField.Of(field), new EcsValue(EcsValueKind.Text) { Chars = text });
        }
    }

    /// <summary>As <see cref="Set(string, ReadOnlyMemory{char}?)"/>, written lower-cased (invariant culture).</summary>
    public void SetLowered(string field, ReadOnlyMemory<char>? value)
    {
        if (value is { IsEmpty: false } text)
        {
            SetValue(EcsField.Of(field), new EcsValue(EcsValueKind.LoweredText) { Chars = text });
        }
    }

    public void Set(string field, long? value)
    {
        if (value is { } v)
        {
            SetValue(EcsField.Of(field), new EcsValue(EcsValueKind.Number) { Number = v });
        }
    }

    public void Set(string field, bool value) => SetValue(EcsField.Of(field), new EcsValue(EcsValueKind.Boolean) { Number = value ? 1 : 0 });

    /// <summary>An OCSF <c>timestamp_t</c> (milliseconds since the epoch), written as <see cref="OcsfView.FormatIsoTime"/> writes it; left out outside the years it can write.</summary>
    public void SetTime(string field, long? milliseconds)
    {
        if (OcsfView.IsIsoTime(milliseconds))
        {
            SetValue(EcsField.Of(field), new EcsValue(EcsValueKind.Time) { Number = milliseconds!.Value });
        }
    }

    /// <summary>A string given as UTF-8 (the OCSF event itself), written without turning it into a string first.</summary>
    public void SetUtf8(string field, ReadOnlyMemory<byte> value)
    {
        if (!value.IsEmpty)
        {
            SetValue(EcsField.Of(field), new EcsValue(EcsValueKind.Utf8) { Utf8 = value });
        }
    }

    /// <summary>Appends to a keyword array field (<c>related.ip</c>, <c>event.category</c>...).</summary>
    public void Add(string field, string? value) => Add(field, value?.AsMemory());

    /// <summary>As <see cref="Add(string, string?)"/>, with text read in place from the event's tree.</summary>
    public void Add(string field, ReadOnlyMemory<char>? value)
    {
        if (value is not { IsEmpty: false } text)
        {
            return;
        }

        var f = EcsField.Of(field);
        DeclareParents(f);
        if (HasValue(f))
        {
            if (_fields[_valueAt[f.Id]].Reference is List<ReadOnlyMemory<char>> list && !Contains(list, text.Span))
            {
                list.Add(text);
            }
        }
        else if (!IsObject(f))
        {
            var list = RentList();
            list.Add(text);
            Append(f, new EcsValue(EcsValueKind.Keywords) { Reference = list });
        }
    }

    private static bool Contains(List<ReadOnlyMemory<char>> list, ReadOnlySpan<char> text)
    {
        foreach (var item in CollectionsMarshal.AsSpan(list))
        {
            if (item.Span.SequenceEqual(text))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// An empty document for one item of an array of objects (<see cref="AddObject"/>), owned by this one:
    /// reused from an earlier event, and emptied when this one is. An item document of its own would
    /// size its per-field tables for every ECS field, for the handful an attachment has.
    /// </summary>
    public EcsDocument NewItem()
    {
        if (_childrenUsed == _children.Count)
        {
            _children.Add(new EcsDocument());
        }

        return _children[_childrenUsed++];
    }

    /// <summary>Adds one object to an array of objects (<c>email.attachments</c>).</summary>
    public void AddObject(string field, EcsDocument item)
    {
        var f = EcsField.Of(field);
        DeclareParents(f);
        if (HasValue(f))
        {
            (_fields[_valueAt[f.Id]].Reference as List<EcsDocument>)?.Add(item);
        }
        else if (!IsObject(f))
        {
            if (_objectListsUsed == _objectLists.Count)
            {
                _objectLists.Add([]);
            }

            var items = _objectLists[_objectListsUsed++];
            items.Add(item);
            Append(f, new EcsValue(EcsValueKind.Objects) { Reference = items });
        }
    }

    public bool IsEmpty => _fields.Count == 0;

    /// <summary>Whether a field or object exists at the dotted <paramref name="field"/>.</summary>
    public bool Has(string field)
    {
        var f = EcsField.Of(field);
        return HasValue(f) || IsObject(f);
    }

    private void SetValue(EcsField field, in EcsValue value)
    {
        DeclareParents(field);
        if (!HasValue(field) && !IsObject(field))
        {
            Append(field, value);
        }
    }

    private bool HasValue(EcsField field) => field.Id < _valueStamp.Length && _valueStamp[field.Id] == _generation;

    private bool IsObject(EcsField field) => field.Id < _objectStamp.Length && _objectStamp[field.Id] == _generation;

    private void Append(EcsField field, EcsValue value)
    {
        Reserve(field.Id);
        _valueStamp[field.Id] = _generation;
        _valueAt[field.Id] = _fields.Count;
        value.Field = field;
        _fields.Add(value);
    }

    /// <summary>Records every enclosing object of <paramref name="field"/>; a field cannot be both a value and an object.</summary>
    private void DeclareParents(EcsField field)
    {
        // A field's enclosing object already declared in this event means all of them were, and were checked.
        var parents = field.Parents;
        if (parents.Length == 0 || IsObject(parents[^1]))
        {
            return;
        }

        foreach (var parent in parents)
        {
            if (HasValue(parent))
            {
                // The mappers never ask for that.
                throw new InvalidOperationException($"ECS field {field.Name} collides with a value at {parent.Name}.");
            }

            Reserve(parent.Id);
            _objectStamp[parent.Id] = _generation;
        }
    }

    private void Reserve(int id)
    {
        if (id >= _valueStamp.Length)
        {
            var size = Math.Max(id + 1, Math.Max(EcsField.Count, _valueStamp.Length * 2));
            Array.Resize(ref _valueAt, size);
            Array.Resize(ref _valueStamp, size);
            Array.Resize(ref _objectStamp, size);
        }
    }

    /// <summary>A list for a keyword array field, reused from an earlier event of this document.</summary>
    private List<ReadOnlyMemory<char>> RentList()
    {
        if (_listsUsed == _lists.Count)
        {
            _lists.Add([]);
        }

        return _lists[_listsUsed++];
    }
}
