using System.Text;

namespace DefenderConnector.Sources.Filtering;

/// <summary>
/// Which Defender tables a source delivers (<c>tables.include</c> / <c>tables.exclude</c>), by table name
/// (the category without <c>AdvancedHunting-</c>), compared without regard to case. A record of a table
/// that does not pass is dropped before it is mapped and counted (<see cref="FilteredRecords"/>).
/// Immutable.
/// </summary>
internal sealed class TableFilter
{
    private readonly HashSet<string>? _include;
    private readonly HashSet<string>? _exclude;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _includeLookup;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _excludeLookup;

    public TableFilter(IEnumerable<string>? include, IEnumerable<string>? exclude)
    {
        if (include is not null)
        {
            _include = new HashSet<string>(include, StringComparer.OrdinalIgnoreCase);
            _includeLookup = _include.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        if (exclude is not null)
        {
            _exclude = new HashSet<string>(exclude, StringComparer.OrdinalIgnoreCase);
            _excludeLookup = _exclude.GetAlternateLookup<ReadOnlySpan<char>>();
        }
    }

    /// <summary>Every table passes.</summary>
    public static TableFilter All { get; } = new(null, null);

    /// <summary>False when every table passes (nothing to check per record).</summary>
    public bool Filters => _include is not null || _exclude is not null;

    public bool Passes(string table) =>
        (_include is null || _include.Contains(table)) && (_exclude is null || !_exclude.Contains(table));

    /// <summary>The same test on a table name as UTF-8 (no string per record).</summary>
    public bool Passes(ReadOnlySpan<byte> table)
    {
        if (!Filters)
        {
            return true;
        }

        Span<char> chars = stackalloc char[128];
        if (table.Length > chars.Length || !Encoding.UTF8.TryGetChars(table, chars, out var length))
        {
            return Passes(Encoding.UTF8.GetString(table));
        }

        var name = chars[..length];
        return (_include is null || _includeLookup.Contains(name)) && (_exclude is null || !_excludeLookup.Contains(name));
    }

    /// <summary>Safe to print: what passes.</summary>
    public string Describe() =>
        _include is not null ? $"tables {string.Join(", ", _include.Order(StringComparer.Ordinal))} only"
        : _exclude is not null ? $"all tables except {string.Join(", ", _exclude.Order(StringComparer.Ordinal))}"
        : "all tables";
}
