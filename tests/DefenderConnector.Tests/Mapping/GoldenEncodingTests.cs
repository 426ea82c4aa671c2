using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using DefenderConnector.Configuration;
using DefenderConnector.Encoders;

namespace DefenderConnector.Tests.Mapping;

/// <summary>
/// The whole path a SIEM sees for every golden case: record → OCSF mapper → CEF or ECS encoder,
/// compared with <c>&lt;case&gt;.cef.txt</c> (byte for byte) and <c>&lt;case&gt;.ecs.json</c> beside the
/// input. They pin today's encoder output so a rewrite of the encoders can prove it changed nothing.
/// UPDATE_GOLDEN=1 writes the expected files (then review the diff).
/// </summary>
public sealed class GoldenEncodingTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var input in GoldenCase.All())
        {
            data.Add(input, "cef");
            data.Add(input, "ecs");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheMappedEventEncodesAsExpected(string relativeInput, string format)
    {
        Assert.True(File.Exists(Path.Combine(GoldenCase.OutputRoot, relativeInput)), $"{relativeInput} is not a golden case.");
        var table = GoldenCase.TableOf(relativeInput);
        var name = Path.GetFileName(relativeInput).Replace(".input.json", string.Empty, StringComparison.Ordinal);
        var (_, ocsf) = GoldenCase.Map(File.ReadAllBytes(Path.Combine(GoldenCase.OutputRoot, relativeInput)), GoldenCase.KindOf(table), $"golden-{table}-{name}");
        var output = new ArrayBufferWriter<byte>();
        EventEncoders.For(format == "cef" ? OutputFormat.Cef : OutputFormat.Ecs).Encode(ocsf, output);
        var actual = Encoding.UTF8.GetString(output.WrittenSpan);
        var expectedName = relativeInput.Replace(".input.json", format == "cef" ? ".cef.txt" : ".ecs.json", StringComparison.Ordinal);

        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            var pretty = format == "cef" ? actual : JsonNode.Parse(actual)!.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            File.WriteAllText(Path.Combine(SourceFolder(), expectedName), pretty + "\n");
            return;
        }

        var expectedPath = Path.Combine(GoldenCase.OutputRoot, expectedName);
        Assert.True(File.Exists(expectedPath), $"{expectedName} is missing; run with UPDATE_GOLDEN=1 and review it.");
        var expected = File.ReadAllText(expectedPath).TrimEnd('\n');
        if (format == "cef")
        {
            Assert.DoesNotContain('\n', actual);
            Assert.Equal(expected, actual);
        }
        else
        {
            var differences = JsonDiff.Compare(JsonNode.Parse(expected), JsonNode.Parse(actual));
            Assert.True(differences.Count == 0, $"{expectedName} differs:\n{string.Join('\n', differences)}");
        }
    }

    [Fact]
    public void EveryEncodedGoldenHasItsInput()
    {
        var orphans = Directory.EnumerateFiles(GoldenCase.OutputRoot, "*.*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".cef.txt", StringComparison.Ordinal) || p.EndsWith(".ecs.json", StringComparison.Ordinal))
            .Where(p => !File.Exists(p.Replace(".cef.txt", ".input.json", StringComparison.Ordinal).Replace(".ecs.json", ".input.json", StringComparison.Ordinal)))
            .ToList();

        Assert.True(orphans.Count == 0, $"expected encodings without an input: {string.Join(", ", orphans)}");
    }

    private static string SourceFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
