using System.Collections.Frozen;
using System.Text;

namespace DefenderConnector.Mapping;

/// <summary>
/// Maps property names (UTF-8) to <see cref="Column"/>. Streaming records use the column names
/// as they are (ordinal); each API object kind has its own alias list, compared ignoring case
/// because Graph writes camelCase and the legacy APIs PascalCase.
/// </summary>
internal sealed class FieldNames
{
    public const int MaxNameLength = 96;

    private readonly FrozenDictionary<string, Column>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public FieldNames(IEnumerable<KeyValuePair<string, Column>> names, StringComparer comparer) =>
        _lookup = names.ToFrozenDictionary(comparer).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The Defender table columns, by their exact names.</summary>
    public static FieldNames Streaming { get; } = new(
        Enum.GetValues<Column>().Select(c => KeyValuePair.Create(c.ToString(), c)), StringComparer.Ordinal);

    public bool TryFind(ReadOnlySpan<byte> utf8Name, out Column column)
    {
        column = default;
        if (utf8Name.Length > MaxNameLength)
        {
            return false;
        }

        Span<char> chars = stackalloc char[MaxNameLength];
        var length = Encoding.UTF8.GetChars(utf8Name, chars);
        return _lookup.TryGetValue(chars[..length], out column);
    }
}
