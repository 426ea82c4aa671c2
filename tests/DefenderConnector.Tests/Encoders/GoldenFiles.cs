using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DefenderConnector.Encoders;

namespace DefenderConnector.Tests.Encoders;

/// <summary>
/// The encoder golden files: <c>Golden/&lt;case&gt;.ocsf.json</c> in, <c>.cef.txt</c> and
/// <c>.ecs.json</c> out. Set <c>DEFENDER_UPDATE_GOLDEN=1</c> to rewrite the expected files after
/// an intended change, then review the diff.
/// </summary>
internal static class GoldenFiles
{
    public static bool Updating => Environment.GetEnvironmentVariable("DEFENDER_UPDATE_GOLDEN") == "1";

    public static string Directory([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "Golden");

    public static IEnumerable<string> Cases() =>
        System.IO.Directory.GetFiles(Directory(), "*.ocsf.json").Select(p => Path.GetFileName(p)[..^".ocsf.json".Length]).Order(StringComparer.Ordinal);

    /// <summary>The case's OCSF input, compacted as the mapper writes it.</summary>
    public static byte[] Input(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Directory(), name + ".ocsf.json")));
        return Compact(document.RootElement);
    }

    public static byte[] Compact(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            element.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static string Encode(IEventEncoder encoder, byte[] ocsf)
    {
        var output = new ArrayBufferWriter<byte>();
        encoder.Encode(ocsf, output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    /// <summary>Compares with (or, when updating, writes) the expected file; returns the expected text.</summary>
    public static string Expect(string fileName, string actual)
    {
        var path = Path.Combine(Directory(), fileName);
        if (Updating)
        {
            File.WriteAllText(path, actual + "\n", new UTF8Encoding(false));
        }

        Assert.True(File.Exists(path), $"Missing golden file {fileName}; run with DEFENDER_UPDATE_GOLDEN=1 to create it.");
        return File.ReadAllText(path, Encoding.UTF8).TrimEnd('\n');
    }

    public static string Indented(string json)
    {
        using var document = JsonDocument.Parse(json);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            document.RootElement.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan).ReplaceLineEndings("\n");
    }
}
