using System.Text;
using System.Text.Json;
using DefenderConnector.Encoders;
using DefenderConnector.Mapping;

namespace DefenderConnector.Tests.Encoders;

/// <summary>
/// Names kept as numbers in a table, and names beyond its capacity kept as text: lookups answer as
/// <see cref="JsonElement"/> reads the same JSON either way.
/// </summary>
public sealed class OcsfNamesTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(10_000)]
    public void LookupsReadTheEventAsJsonDoesWhateverPartOfItsNamesTheTableHolds(int capacity)
    {
        // Names that share length, first, middle and last characters (their fallback keys collide),
        // an object large enough to be indexed, a repeated name and an array step.
        var json = new StringBuilder("{\"obj\":{\"x\":\"inner\",\"x\":\"last\"},\"list\":[{\"v\":1},{\"v\":2}],");
        for (var i = 0; i < 20; i++)
        {
            json.Append($"\"a{i % 10}{i / 10:D3}z\":{i},");
        }

        json.Append("\"dup\":1,\"dup\":2}");
        var tree = new OcsfTree(new OcsfNames(capacity));
        OcsfTreeReader.Read(Encoding.UTF8.GetBytes(json.ToString()), tree);
        var view = new OcsfView(tree.Root);
        using var document = JsonDocument.Parse(json.ToString());
        foreach (var member in document.RootElement.EnumerateObject().Where(m => m.Value.ValueKind == JsonValueKind.Number))
        {
            // A repeated name reads as its last value, as JsonElement reads it.
            Assert.Equal(document.RootElement.GetProperty(member.Name).GetRawText(), view.Text(member.Name));
        }

        Assert.Equal("last", view.Text("obj.x"));
        Assert.Equal(2, view.Long("dup"));
        Assert.Equal(2, view.Long("list.1.v"));
        Assert.Null(view.Element("list.2.v"));
        Assert.Null(view.Element("a0000y"));
        Assert.Null(view.Element("obj.y"));
        Assert.Null(view.Element("missing.x"));
        Assert.True(tree.Names.Count <= capacity);
    }

    [Fact]
    public void ANameGivenAsAStringAsEncodedTextAsUtf8OrAsCharactersHasOneKey()
    {
        var names = new OcsfNames(100);
        var key = names.Of("process").Key;
        Assert.Equal(key, names.Of(JsonEncodedText.Encode("process")).Key);
        Assert.Equal(key, names.Of("process"u8).Key);
        Assert.Equal(key, names.Of("process".AsSpan()).Key);
        Assert.Null(names.Of("process").Text);

        // The encoded form of a name with characters to escape stands for the name itself.
        Assert.Equal(names.Of("a&b").Key, names.Of(JsonEncodedText.Encode("a&b")).Key);
        Assert.NotEqual(key, names.Of("processes").Key);
    }

    [Fact]
    public void AFullTableKeepsEveryLaterNameOutSoPathsAndTreesAgreeOnIt()
    {
        var names = new OcsfNames(1);
        var listed = names.Of("first");
        var path = names.Path("second.third");
        var unlisted = names.Of("second");
        Assert.Null(listed.Text);
        Assert.Equal("second", unlisted.Text);
        Assert.Equal(unlisted.Key, path.Steps[0].Name.Key);
        // A key kept out of the table never equals a table number.
        Assert.NotInRange(unlisted.Key, 0, 1);
        Assert.Equal(1, names.Count);
    }

    [Fact]
    public void TheMapperRecordsNamesByKeyAndTheEncodersFindThem()
    {
        var names = new OcsfNames(2);
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        var tree = new OcsfTree(names);
        var writer = new OcsfEventWriter(new Utf8JsonWriter(output), tree, writeJson: false);
        writer.Reset(output);
        writer.WriteStartObject();
        // A declared attribute carries its key in the shared table; a tree of another table must look it up.
        writer.WriteStartObject(new OcsfAttribute("device"));
        writer.WriteString("hostname"u8, "host-1");
        writer.WritePropertyName("uid");
        writer.WriteStringValue("d-1");
        writer.WriteEndObject();
        writer.WriteNumber("severity_id", 3);
        writer.WriteEndObject();
        var view = new OcsfView(tree.Root);
        Assert.Equal("host-1", view.Text("device.hostname"));
        Assert.Equal("d-1", view.Text("device.uid"));
        Assert.Equal(3, view.Long("severity_id"));
        Assert.Null(view.Element("device.name"));
    }
}
