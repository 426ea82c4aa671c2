using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DefenderConnector.Mapping;

namespace DefenderConnector.Tests.Mapping;

public sealed class ObservableWriterTests
{
    public static TheoryData<string, int, string> Observables => new()
    {
        { "device.hostname", 1, "ws-fin-0042.corp.contoso.com" },
        { "file.path", 45, "C:\\Windows\\System32\\cmd.exe" },
        { "actor.process.cmd_line", 13, "powershell -c \"Get-Item x\"\n" },
        { "user.name", 4, "Zoë Ångström 山田" },
        { "email.subject", 40, "<script>alert('x')</script> & more" },
        { "url", 6, "https://example.com/a?b=c&d=\u2028e" },
        { "file.name", 7, new string('a', 2000) },
    };

    // A whole observable is written in one raw write when nothing needs escaping; the bytes must be exactly
    // what the property-by-property writes give, whichever encoder the writer has.
    [Theory]
    [MemberData(nameof(Observables))]
    public void WritesExactlyWhatTheWriterWouldWriteProperByProperty(string name, int typeId, string value)
    {
        foreach (var encoder in new[] { JavaScriptEncoder.UnsafeRelaxedJsonEscaping, JavaScriptEncoder.Default, null })
        {
            var options = new JsonWriterOptions { SkipValidation = true, Encoder = encoder };
            Assert.Equal(Expected(options, name, typeId, value), Actual(options, name, typeId, value));
        }
    }

    private static string Actual(JsonWriterOptions options, string name, int typeId, string value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            writer.WriteStartObject();
            var observables = new ObservableWriter(new OcsfEventWriter(writer));
            observables.Add(Encoding.UTF8.GetBytes(name), typeId, Encoding.UTF8.GetBytes(value));
            observables.Add("second"u8, 2, "10.0.0.1"u8);
            observables.End();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Expected(JsonWriterOptions options, string name, int typeId, string value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("observables");
            foreach (var (n, t, v, caption) in new[] { (name, typeId, value, Caption(typeId)), ("second", 2, "10.0.0.1", "IP Address") })
            {
                writer.WriteStartObject();
                writer.WriteString("name", n);
                writer.WriteNumber("type_id", t);
                writer.WriteString("type", caption);
                writer.WriteString("value", v);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Caption(int typeId) => typeId switch
    {
        1 => "Hostname",
        4 => "User Name",
        6 => "URL String",
        7 => "File Name",
        13 => "Command Line",
        40 => "Email Object: subject",
        45 => "File Path",
        _ => throw new ArgumentOutOfRangeException(nameof(typeId)),
    };
}
