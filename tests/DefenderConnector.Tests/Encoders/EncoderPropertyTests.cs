using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DefenderConnector.Encoders;
using DefenderConnector.Encoders.Cef;
using DefenderConnector.Encoders.Ecs;

namespace DefenderConnector.Tests.Encoders;

/// <summary>
/// Generated values full of CEF and JSON metacharacters: every CEF output must be one line that
/// parses back to the same extension values and header fields, every ECS output one line of valid
/// JSON that keeps the values. Seeds are fixed so a failure reproduces.
/// </summary>
public sealed class EncoderPropertyTests
{
    private static readonly string[] Pieces =
    [
        "a", "Z", "0", " ", "  ", "|", "\\", "=", "\n", "\r", "\r\n", "\t", "é", "漢", "😀", "\"", "'", "n", "r",
        "key=", " cs1=", "\\n", "\\=", "\\|", "CEF:0|", "{", "}", "%", "\u2028", "ß", "=\\",
    ];

    public static TheoryData<int> Seeds() => new(Enumerable.Range(1, 40));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Cef_is_one_line_and_parses_back_to_the_same_values(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 25; round++)
        {
            var values = Enumerable.Range(0, 6).Select(_ => Generate(random)).ToArray();
            var ocsf = Event(values);

            var output = new ArrayBufferWriter<byte>();
            new CefEncoder(values[5]).Encode(ocsf, output);
            var line = Encoding.UTF8.GetString(output.WrittenSpan);

            Assert.DoesNotContain('\n', line);
            Assert.DoesNotContain('\r', line);
            var parsed = CefParser.Parse(line);
            Assert.Equal(ExtensionForm(values[0]), parsed["msg"]);
            Assert.Equal(ExtensionForm(values[1]), parsed["dvchost"]);
            Assert.Equal(ExtensionForm(values[2]), parsed["fname"]);
            Assert.Equal(ExtensionForm(values[3]), parsed["cs4"]);
            Assert.Equal(HeaderForm(values[4]), parsed.Name);
            Assert.Equal(HeaderForm(values[5]), parsed.Header[3]);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Ecs_is_one_line_of_json_that_keeps_the_values(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 25; round++)
        {
            var values = Enumerable.Range(0, 6).Select(_ => Generate(random)).ToArray();
            var output = new ArrayBufferWriter<byte>();
            new EcsEncoder().Encode(Event(values), output);

            Assert.DoesNotContain((byte)'\n', output.WrittenSpan.ToArray());
            using var document = JsonDocument.Parse(output.WrittenMemory);
            var root = document.RootElement;
            Assert.Equal(values[0], root.GetProperty("message").GetString());
            Assert.Equal(values[1], root.GetProperty("host").GetProperty("name").GetString());
            Assert.Equal(values[2], root.GetProperty("file").GetProperty("name").GetString());
        }
    }

    private static string Generate(Random random)
    {
        var builder = new StringBuilder();
        var count = random.Next(1, 12);
        for (var i = 0; i < count; i++)
        {
            builder.Append(Pieces[random.Next(Pieces.Length)]);
        }

        return builder.ToString();
    }

    private static byte[] Event(string[] v)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteNumber("class_uid", 1001);
            w.WriteString("message", v[0]);
            w.WriteStartObject("device");
            w.WriteString("name", v[1]);
            w.WriteString("hostname", v[1]);
            w.WriteEndObject();
            w.WriteStartObject("file");
            w.WriteString("name", v[2]);
            w.WriteEndObject();
            w.WriteStartObject("metadata");
            w.WriteString("log_name", v[3]);
            w.WriteEndObject();
            w.WriteStartObject("finding_info");
            w.WriteString("title", v[4]);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>What a reader gets back: a CRLF is one line break.</summary>
    private static string ExtensionForm(string value) => value.Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>Header fields cannot hold line breaks: each becomes a space.</summary>
    private static string HeaderForm(string value) => value.Replace('\r', ' ').Replace('\n', ' ');
}
