using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using DefenderConnector.Mapping;
using DefenderConnector.Tests.Ocsf;

namespace DefenderConnector.Tests.Mapping;

/// <summary>
/// Maps every golden input, compares it with the expected OCSF and validates it against the schema.
/// Set UPDATE_GOLDEN=1 to rewrite the expected files in the source tree (then review the diff).
/// </summary>
public sealed class GoldenFileTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var item in GoldenCase.All())
        {
            data.Add(item);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MapsToTheExpectedValidOcsf(string relativeInput)
    {
        var table = GoldenCase.TableOf(relativeInput);
        var name = Path.GetFileName(relativeInput).Replace(".input.json", string.Empty, StringComparison.Ordinal);
        var input = File.ReadAllBytes(Path.Combine(GoldenCase.OutputRoot, relativeInput));
        var (result, json) = GoldenCase.Map(input, GoldenCase.KindOf(table), $"golden-{table}-{name}");

        Assert.Equal(MapStatus.Mapped, result.Status);
        var (errors, warnings) = OcsfValidator.Shared.ValidateWithWarnings(json);
        Assert.True(errors.Count == 0, $"{relativeInput}: OCSF errors:\n{string.Join('\n', errors)}\n{System.Text.Encoding.UTF8.GetString(json)}");
        var siblings = warnings.Where(w => w.StartsWith("attribute_enum_sibling", StringComparison.Ordinal)).ToList();
        Assert.True(siblings.Count == 0, $"{relativeInput}: {string.Join('\n', siblings)}");

        var actual = JsonNode.Parse(json);
        var expectedPath = Path.Combine(GoldenCase.OutputRoot, relativeInput.Replace(".input.json", ".ocsf.json", StringComparison.Ordinal));
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            var source = Path.Combine(SourceFolder(), relativeInput.Replace(".input.json", ".ocsf.json", StringComparison.Ordinal));
            File.WriteAllText(source, actual!.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
            return;
        }

        Assert.True(File.Exists(expectedPath), $"{relativeInput}: no expected file; run with UPDATE_GOLDEN=1 and review it");
        var differences = JsonDiff.Compare(JsonNode.Parse(File.ReadAllBytes(expectedPath)), actual);
        Assert.True(differences.Count == 0, $"{relativeInput} differs from its .ocsf.json:\n{string.Join('\n', differences)}");
    }

    [Fact]
    public void EveryRoutedTableAndApiKindHasAtLeastTwoGoldenCases()
    {
        var counts = GoldenCase.All().GroupBy(GoldenCase.TableOf).ToDictionary(g => g.Key, g => g.Count());
        var sources = TableRouter.Tables.Concat(Enum.GetNames<RecordKind>().Where(k => k != nameof(RecordKind.StreamingRecord)));
        var missing = sources.Where(t => counts.GetValueOrDefault(t) < 2).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"tables with fewer than two golden cases: {string.Join(", ", missing)}");
    }

    private static string SourceFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
