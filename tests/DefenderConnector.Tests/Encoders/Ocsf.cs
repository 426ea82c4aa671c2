using DefenderConnector.Encoders;

namespace DefenderConnector.Tests.Encoders;

/// <summary>Builds an <see cref="OcsfView"/> over a JSON literal; the tree lives for the test.</summary>
internal static class Ocsf
{
    public static OcsfView View(string json)
    {
        var tree = new OcsfTree();
        OcsfTreeReader.Read(System.Text.Encoding.UTF8.GetBytes(json), tree);
        return new(tree.Root);
    }
}
