using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Text.Json;

namespace DefenderConnector.Encoders.Ecs;

/// <summary>
/// Writes a JSON document (the OCSF event for <c>ocsf.original</c>) as one JSON string value. The
/// writer's own escaping encodes character by character once it meets a quote, and an OCSF event is
/// mostly quotes: for printable ASCII, where its relaxed encoder escapes only <c>"</c> and <c>\</c>,
/// those two are escaped here a vector at a time and the result written raw. Anything else
/// (non-ASCII, control characters) goes through the writer, so the bytes are the same either way.
/// </summary>
internal static class EmbeddedJson
{
    [ThreadStatic]
    private static byte[]? t_buffer;

    public static void WriteStringValue(Utf8JsonWriter writer, ReadOnlySpan<byte> utf8)
    {
        if (utf8.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E) >= 0)
        {
            writer.WriteStringValue(utf8);
            return;
        }

        var needed = EscapedCapacity(utf8.Length) + 2;
        var buffer = t_buffer is { } b && b.Length >= needed ? b : new byte[Math.Max(needed, 8 * 1024)];
        buffer[0] = (byte)'"';
        var length = 1 + Escape(utf8, buffer.AsSpan(1));
        buffer[length++] = (byte)'"';
        writer.WriteRawValue(buffer.AsSpan(0, length), skipInputValidation: true);
        // One huge event does not pin its buffer to the thread for good.
        t_buffer = buffer.Length <= 1024 * 1024 ? buffer : null;
    }

    /// <summary>What <see cref="Escape"/> needs: two bytes per byte, and room for one whole vector past the end.</summary>
    internal static int EscapedCapacity(int length) => (length * 2) + Vector128<byte>.Count;

    /// <summary>
    /// Copies printable ASCII into <paramref name="destination"/> (at least <see cref="EscapedCapacity"/>
    /// bytes) with a backslash before every <c>"</c> and <c>\</c>; returns the bytes written.
    /// </summary>
    internal static int Escape(ReadOnlySpan<byte> source, Span<byte> destination) =>
        Ssse3.IsSupported ? EscapeByShuffle(source, destination) : EscapeByChunk(source, destination);

    /// <summary>
    /// <see cref="Escape"/> with a byte shuffle: each 8 bytes that hold a quote or backslash are
    /// spread out with one backslash before each in a single step, however many there are (OCSF JSON
    /// has one about every eight bytes), where <see cref="EscapeByChunk"/> starts over after each.
    /// </summary>
    internal static int EscapeByShuffle(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        CheckCapacity(source, destination);
        ref var from = ref MemoryMarshal.GetReference(source);
        ref var to = ref MemoryMarshal.GetReference(destination);
        ref var spread = ref MemoryMarshal.GetReference(SpreadTable);
        nuint length = (uint)source.Length, read = 0, written = 0;
        var quote = Vector128.Create((byte)'"');
        var backslash = Vector128.Create((byte)'\\');
        while (read + (nuint)Vector128<byte>.Count <= length)
        {
            var chunk = Vector128.LoadUnsafe(ref from, read);
            var found = (Vector128.Equals(chunk, quote) | Vector128.Equals(chunk, backslash)).ExtractMostSignificantBits();
            if (found == 0)
            {
                chunk.StoreUnsafe(ref to, written);
                written += (nuint)Vector128<byte>.Count;
            }
            else
            {
                var halves = chunk.AsUInt64();
                written = SpreadHalf(halves.GetElement(0), found & 0xFF, ref spread, ref to, written);
                written = SpreadHalf(halves.GetElement(1), found >> 8, ref spread, ref to, written);
            }

            read += (nuint)Vector128<byte>.Count;
        }

        return (int)EscapeTail(ref from, read, length, ref to, written);
    }

    /// <summary>
    /// Writes eight bytes with a backslash before each one <paramref name="mask"/> marks, in one shuffle of
    /// the bytes beside eight backslashes; returns where the next write starts. The store is a whole vector:
    /// it stays within twice the input read so far plus one vector, which <see cref="EscapedCapacity"/> leaves room for.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nuint SpreadHalf(ulong half, uint mask, ref byte spread, ref byte to, nuint written)
    {
        Ssse3.Shuffle(Vector128.Create(half, BackslashLanes).AsByte(), Vector128.LoadUnsafe(ref spread, (nuint)mask * 16)).StoreUnsafe(ref to, written);
        return written + 8 + (nuint)BitOperations.PopCount(mask);
    }

    /// <summary>
    /// <see cref="Escape"/> sixteen bytes at a time, starting over after each escaped byte (where the
    /// byte shuffle of <see cref="EscapeByShuffle"/> is not available).
    /// </summary>
    internal static int EscapeByChunk(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        CheckCapacity(source, destination);
        ref var from = ref MemoryMarshal.GetReference(source);
        ref var to = ref MemoryMarshal.GetReference(destination);
        nuint length = (uint)source.Length, read = 0, written = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            var quote = Vector128.Create((byte)'"');
            var backslash = Vector128.Create((byte)'\\');
            while (read + (nuint)Vector128<byte>.Count <= length)
            {
                // Store the whole chunk, then keep only the bytes before its first escaped one: the
                // output never runs more than twice the input, so the store stays inside the buffer.
                var chunk = Vector128.LoadUnsafe(ref from, read);
                chunk.StoreUnsafe(ref to, written);
                var found = (Vector128.Equals(chunk, quote) | Vector128.Equals(chunk, backslash)).ExtractMostSignificantBits();
                if (found == 0)
                {
                    read += (nuint)Vector128<byte>.Count;
                    written += (nuint)Vector128<byte>.Count;
                    continue;
                }

                var at = (nuint)BitOperations.TrailingZeroCount(found);
                written += at;
                Unsafe.Add(ref to, written) = (byte)'\\';
                Unsafe.Add(ref to, written + 1) = Unsafe.Add(ref from, read + at);
                written += 2;
                read += at + 1;
            }
        }

        return (int)EscapeTail(ref from, read, length, ref to, written);
    }

    private static void CheckCapacity(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (destination.Length < EscapedCapacity(source.Length))
        {
            throw new ArgumentException("The destination cannot hold the escaped text.", nameof(destination));
        }
    }

    private static nuint EscapeTail(ref byte from, nuint read, nuint length, ref byte to, nuint written)
    {
        for (; read < length; read++)
        {
            var c = Unsafe.Add(ref from, read);
            if (c is (byte)'"' or (byte)'\\')
            {
                Unsafe.Add(ref to, written++) = (byte)'\\';
            }

            Unsafe.Add(ref to, written++) = c;
        }

        return written;
    }

    // Lanes 8 to 15 of each shuffled half: the backslashes its mask draws from.
    private const ulong BackslashLanes = 0x5C5C5C5C5C5C5C5C;

    /// <summary>
    /// For each 8-bit mask of escaped bytes, the 16 shuffle indices that write the half's bytes in
    /// order with lane 8 (a backslash) before each marked one; unused lanes repeat lane 8.
    /// </summary>
    private static readonly byte[] SpreadTable = BuildSpreadTable();

    private static byte[] BuildSpreadTable()
    {
        var table = new byte[256 * 16];
        for (var mask = 0; mask < 256; mask++)
        {
            var row = table.AsSpan(mask * 16, 16);
            row.Fill(8);
            var at = 0;
            for (var i = 0; i < 8; i++)
            {
                if ((mask & (1 << i)) != 0)
                {
                    row[at++] = 8;
                }

                row[at++] = (byte)i;
            }
        }

        return table;
    }
}
