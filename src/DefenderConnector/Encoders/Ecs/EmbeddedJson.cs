using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;

namespace DefenderConnector.Encoders.Ecs;

/// <summary>
/// Writes a JSON document (the OCSF event for <c>ocsf.original</c>) as one JSON string value. The
/// writer's own escaping encodes character by character once it meets a quote, and an OCSF event is
/// mostly quotes: for printable ASCII, where its relaxed encoder escapes only <c>"</c> and <c>\</c>,
/// those two are escaped here sixteen bytes at a time and the result written raw. Anything else
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
    internal static int Escape(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (destination.Length < EscapedCapacity(source.Length))
        {
            throw new ArgumentException("The destination cannot hold the escaped text.", nameof(destination));
        }

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

        for (; read < length; read++)
        {
            var c = Unsafe.Add(ref from, read);
            if (c is (byte)'"' or (byte)'\\')
            {
                Unsafe.Add(ref to, written++) = (byte)'\\';
            }

            Unsafe.Add(ref to, written++) = c;
        }

        return (int)written;
    }
}
