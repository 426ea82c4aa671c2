using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DefenderConnector.Encoders.Ecs;

namespace DefenderConnector.Tests.Encoders;

/// <summary>ocsf.original is written as the ECS writer itself would write the string, byte for byte.</summary>
public sealed class EmbeddedJsonTests
{
    public static TheoryData<string> Documents() =>
    [
        "{\"class_name\":\"Process Activity\",\"cmd_line\":\"cmd.exe /c \\\"echo\\\" \\\\\\\\share\\\\x\"}",
        new string(Enumerable.Range(0x20, 0x7F - 0x20).Select(c => (char)c).ToArray()),
        "{\"device\":{\"hostname\":\"pc-ü-東京\"}}",
        "{\"message\":\"tab\\there\"}" + "\t",
        "\u007f\u0001",
        string.Empty,
    ];

    [Theory]
    [MemberData(nameof(Documents))]
    public void TheStringIsWhatTheWriterWritesForIt(string document)
    {
        var utf8 = Encoding.UTF8.GetBytes(document);
        Assert.Equal(Write(w => w.WriteStringValue(utf8)), Write(w => EmbeddedJson.WriteStringValue(w, utf8)));
    }

    [Theory]
    [InlineData("shuffle")]
    [InlineData("chunk")]
    public void QuotesAndBackslashesAnywhereInAChunkAreEscapedAsTheWriterDoes(string method)
    {
        // Both ways of escaping: the shuffle where the processor has it, sixteen bytes at a time elsewhere.
        EscapeFunction escape = method == "shuffle" ? EmbeddedJson.EscapeByShuffle : EmbeddedJson.EscapeByChunk;
        if (method == "shuffle" && !System.Runtime.Intrinsics.X86.Ssse3.IsSupported)
        {
            // Not on this processor (not x86): Escape takes the other way, which the other case checks.
            return;
        }

        // Every length across several 16-byte chunks, escapes dense and sparse, at chunk edges and in runs.
        var random = new Random(20261203);
        const string Alphabet = "\"\\\"\"ab{}:,0 ";
        for (var length = 0; length <= 80; length++)
        {
            for (var round = 0; round < 8; round++)
            {
                var text = string.Create(length, (random, round), static (span, state) =>
                {
                    for (var i = 0; i < span.Length; i++)
                    {
                        span[i] = state.round == 0 ? 'x' : Alphabet[state.random.Next(state.round == 1 ? 3 : Alphabet.Length)];
                    }
                });
                var utf8 = Encoding.UTF8.GetBytes(text);
                var expected = Write(w => w.WriteStringValue(utf8));
                // Written into a buffer of exactly the capacity asked for, so a store past it would throw.
                var escaped = new byte[EmbeddedJson.EscapedCapacity(utf8.Length)];
                var written = escape(utf8, escaped);
                Assert.Equal(expected, Write(w => w.WriteRawValue([(byte)'"', .. escaped.AsSpan(0, written), (byte)'"'], skipInputValidation: true)));
                Assert.Equal(expected, Write(w => EmbeddedJson.WriteStringValue(w, utf8)));
            }
        }
    }

    private delegate int EscapeFunction(ReadOnlySpan<byte> source, Span<byte> destination);

    [Fact]
    public void ADestinationTooSmallForTheWorstCaseIsRefused()
    {
        var source = new byte[32];
        Assert.Throws<ArgumentException>(() => EmbeddedJson.EscapeByShuffle(source, new byte[EmbeddedJson.EscapedCapacity(32) - 1]));
        Assert.Throws<ArgumentException>(() => EmbeddedJson.EscapeByChunk(source, new byte[EmbeddedJson.EscapedCapacity(32) - 1]));
    }

    private static string Write(Action<Utf8JsonWriter> value)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("original");
            value(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
