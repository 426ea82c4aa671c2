using System.Text;
using System.Text.Json;
using DefenderConnector.Encoders;

namespace DefenderConnector.Tests.Encoders;

/// <summary>Path lookups in the recorded event read as <see cref="JsonElement"/> reads the same JSON, small objects and indexed large ones alike.</summary>
public sealed class OcsfTreeTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(40)]
    [InlineData(300)]
    public void EveryMemberIsFoundByNameMissingNamesAreNotAndARepeatedNameReadsAsItsLastValue(int members)
    {
        // Names that share length, first, middle and last characters, so their keys collide.
        var json = new StringBuilder("{");
        for (var i = 0; i < members; i++)
        {
            json.Append($"\"a{i % 10}{i / 10:D3}z\":{i},");
        }

        json.Append("\"dup\":1,\"obj\":{\"x\":\"inner\"},\"dup\":2}");
        var view = Ocsf.View(json.ToString());
        using var document = JsonDocument.Parse(json.ToString());
        foreach (var member in document.RootElement.EnumerateObject())
        {
            var expected = document.RootElement.GetProperty(member.Name);
            Assert.Equal(expected.ValueKind == JsonValueKind.Number ? expected.GetRawText() : null, view.Text(member.Name));
            Assert.NotNull(view.Element(member.Name));
        }

        Assert.Equal(2, view.Long("dup"));
        Assert.Equal("inner", view.Text("obj.x"));
        Assert.Null(view.Element("a0000y"));
        Assert.Null(view.Element("missing"));
        Assert.Null(view.Element("obj.y"));
        Assert.Null(view.Element("dup.x"));
    }

    // A string or number reads as having no members or items, whatever its value (long text, a number
    // past 32 bits), and a container as having no text and no number.
    [Fact]
    public void AScalarHasNoMembersOrItemsAndAContainerNoText()
    {
        // Values long enough, and numbers large enough, that their bytes read as children would point somewhere.
        var json = $$"""{"pad":[{{string.Join(",", Enumerable.Range(0, 40))}}],"s":"{{new string('v', 300)}}","n":{{(3L << 32) | 7}},"o":{"x":"inner"},"a":[1,2]}""";
        var view = Ocsf.View(json);
        foreach (var path in new[] { "s", "n" })
        {
            var scalar = view.Element(path)!.Value;
            Assert.Equal(0, scalar.GetArrayLength());
            Assert.Empty(scalar.EnumerateArray());
            Assert.Equal(JsonValueKind.Undefined, scalar[0].ValueKind);
            Assert.False(scalar.TryGetProperty("x", out _));
            Assert.Null(view.Element(path + ".x"));
            Assert.Null(view.Element(path + ".0"));
        }

        Assert.Equal((3L << 32) | 7, view.Long("n"));
        Assert.Equal(300, view.Text("s")!.Length);
        Assert.Equal(string.Empty, view.Element("o")!.Value.GetString());
        Assert.Equal(string.Empty, view.Element("a")!.Value.GetString());
        Assert.False(view.Element("a")!.Value.TryGetInt64(out var notNumber));
        Assert.Equal(0, notNumber);
        Assert.Equal("inner", view.Text("o.x"));
        Assert.Equal("2", view.Text("a.1"));
    }

    [Fact]
    public void ATreeClearedForTheNextEventFindsOnlyThatEventsMembers()
    {
        var tree = new OcsfTree();
        var first = "{" + string.Join(",", Enumerable.Range(0, 30).Select(i => $"\"f{i}\":{i}")) + "}";
        var second = "{" + string.Join(",", Enumerable.Range(0, 30).Select(i => $"\"s{i}\":{i}")) + "}";
        OcsfTreeReader.Read(Encoding.UTF8.GetBytes(first), tree);
        Assert.Equal(7, new OcsfView(tree.Root).Long("f7"));
        OcsfTreeReader.Read(Encoding.UTF8.GetBytes(second), tree);
        var view = new OcsfView(tree.Root);
        Assert.Null(view.Element("f7"));
        Assert.Equal(7, view.Long("s7"));
    }

    [Fact]
    public void AFilesHashesAreReadInOnePassTheFirstFingerprintOfEachAlgorithmCountingEvenWhenEmpty()
    {
        // MD5 twice (the first, empty, counts), SHA-1 and SHA-256 once, an unknown algorithm and an id that is no number.
        var view = Ocsf.View("""
            {"file":{"hashes":[
              {"algorithm_id":1,"value":""},{"algorithm_id":2,"value":"s1"},{"algorithm_id":99,"value":"x"},
              {"algorithm_id":1,"value":"m2"},{"algorithm_id":"3","value":"y"},{"algorithm_id":3,"value":"s256"}]},
             "other":{"name":"no hashes"}}
            """);
        var hashes = OcsfView.HashesOf(view.Element("file"));
        Assert.Null(hashes[OcsfView.Md5]);
        Assert.Equal("s1", hashes[OcsfView.Sha1]?.ToString());
        Assert.Equal("s256", hashes[OcsfView.Sha256]?.ToString());
        Assert.Null(hashes[OcsfView.Sha512]);

        var none = OcsfView.HashesOf(view.Element("other"));
        var missing = OcsfView.HashesOf(view.Element("missing"));
        for (var id = OcsfView.Md5; id <= OcsfView.Sha512; id++)
        {
            Assert.Null(none[id]);
            Assert.Null(missing[id]);
        }
    }
}
