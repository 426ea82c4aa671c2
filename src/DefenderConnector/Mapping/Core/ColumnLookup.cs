using System.Collections.Frozen;
using System.Text;

namespace DefenderConnector.Mapping;

/// <summary>Finds the <see cref="Column"/> of a property name given as UTF-8, without allocating.</summary>
internal static class ColumnLookup
{
    public const int MaxNameLength = 96;

    private static readonly FrozenDictionary<string, Column> ByName =
        Enum.GetValues<Column>().ToFrozenDictionary(c => c.ToString(), c => c, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, Column>.AlternateLookup<ReadOnlySpan<char>> ByChars =
        ByName.GetAlternateLookup<ReadOnlySpan<char>>();

    public static int Count { get; } = ByName.Count;

    public static bool TryFind(ReadOnlySpan<byte> utf8Name, out Column column)
    {
        column = default;
        if (utf8Name.Length > MaxNameLength)
        {
            return false;
        }

        Span<char> chars = stackalloc char[MaxNameLength];
        var length = Encoding.UTF8.GetChars(utf8Name, chars);
        return ByChars.TryGetValue(chars[..length], out column);
    }
}
