using System.Text.Json;
using DefenderConnector.Encoders;

namespace DefenderConnector.Mapping;

/// <summary>
/// An OCSF attribute name as the mappers write it: its JSON-encoded form for the OCSF JSON and its key
/// in <see cref="OcsfNames.Shared"/> for the recorded tree, both made once when the name is declared.
/// A tree that CEF or ECS reads then keys each name it records without looking it up.
/// </summary>
internal sealed class OcsfAttribute
{
    public OcsfAttribute(string name)
    {
        Encoded = JsonEncodedText.Encode(name);
        Key = OcsfNames.Shared.Of(name);
    }

    public JsonEncodedText Encoded { get; }

    /// <summary>The name's key in <see cref="OcsfNames.Shared"/> (a tree keyed in another table looks the name up).</summary>
    public OcsfName Key { get; }

    public override string ToString() => Encoded.Value;
}
