using System.Buffers;
using System.Text;
using System.Text.Json;
using DefenderConnector.Encoders;
using DefenderConnector.Mapping;

namespace DefenderConnector.Tests.Mapping;

public sealed class OcsfEventWriterTests
{
    // Defender's own fields under unmapped: the OCSF JSON keeps every one, the tree one node for the
    // object and nothing below it, and what follows the object is recorded again.
    [Fact]
    public void AnUnreadObjectIsWholeInTheJsonAndOneNodeInTheTree()
    {
        var output = new ArrayBufferWriter<byte>();
        var tree = new OcsfTree();
        var writer = new OcsfEventWriter(new Utf8JsonWriter(output), tree);
        writer.Reset(output);
        WriteEvent(writer);
        writer.Flush();

        Assert.Equal("""{"unmapped":{"Extra":"x","Nested":{"a":1}},"time":5}""", Encoding.UTF8.GetString(output.WrittenSpan));
        var view = new OcsfView(tree.Root);
        Assert.Equal(5, view.Long("time"));
        Assert.True(view.Has("unmapped"));
        Assert.Equal(JsonValueKind.Undefined, view.Element("unmapped")!.Value.ValueKind);
        Assert.Null(view.Element("unmapped.Extra"));
        Assert.Equal(3, tree.Count);
    }

    // A mapper that failed inside the object leaves the writer not recording; the next event records again.
    [Fact]
    public void TheNextEventIsRecordedEvenWhenTheLastStoppedInsideAnUnreadObject()
    {
        var output = new ArrayBufferWriter<byte>();
        var tree = new OcsfTree();
        var writer = new OcsfEventWriter(new Utf8JsonWriter(output), tree, writeJson: false);
        writer.Reset(output);
        writer.WriteStartObject();
        writer.WriteStartUnreadObject(Names.Unmapped);
        writer.Reset(output);
        writer.WriteStartObject();
        writer.WriteNumber(Names.Time, 7);
        writer.WriteEndObject();

        Assert.Equal(7, new OcsfView(tree.Root).Long("time"));
        Assert.Equal(0, output.WrittenCount);
    }

    private static void WriteEvent(OcsfEventWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteStartUnreadObject(Names.Unmapped);
        writer.WritePropertyName("Extra"u8);
        writer.WriteRawValue("\"x\""u8, skipInputValidation: true);
        writer.WriteStartObject("Nested"u8);
        writer.WriteNumber("a"u8, 1);
        writer.WriteEndObject();
        writer.WriteEndUnreadObject();
        writer.WriteNumber(Names.Time, 5);
        writer.WriteEndObject();
    }
}
