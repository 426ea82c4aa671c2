using System.Text.Json;
using DefenderConnector.Encoders;

namespace DefenderConnector.Tests.Encoders;

/// <summary>Builds an <see cref="OcsfView"/> over a JSON literal; the document lives for the test.</summary>
internal static class Ocsf
{
    public static OcsfView View(string json) => new(JsonDocument.Parse(json).RootElement);
}
