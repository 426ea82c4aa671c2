using System.Collections.Concurrent;
using System.Text;

namespace DefenderConnector.Mapping.Device;

/// <summary>
/// The names of undocumented ActionTypes, interned: an unknown ActionType usually repeats on every
/// row of its kind, and the pull summary needs it as a string, so it is decoded once and then found
/// by its characters without allocating. Bounded, so a stream of garbage names cannot grow it forever.
/// </summary>
internal static class UndocumentedNames
{
    private const int MaxNames = 1024;

    private static readonly ConcurrentDictionary<string, string> Names = new(StringComparer.Ordinal);

    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> ByChars =
        Names.GetAlternateLookup<ReadOnlySpan<char>>();

    public static string Of(ReadOnlySpan<byte> action)
    {
        if (action.IsEmpty)
        {
            return "(none)";
        }

        Span<char> chars = stackalloc char[128];
        if (action.Length <= chars.Length && Ascii.ToUtf16(action, chars, out var written) == System.Buffers.OperationStatus.Done
            && ByChars.TryGetValue(chars[..written], out var known))
        {
            return known;
        }

        var name = Encoding.UTF8.GetString(action);
        return Names.Count < MaxNames ? Names.GetOrAdd(name, name) : name;
    }
}
