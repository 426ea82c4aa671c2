using System.Text.Json;

namespace DefenderConnector.Mapping;

/// <summary>
/// Writes <c>observables[]</c> lazily: the array appears only when at least one value is present.
/// Each value must be the exact text written at <c>name</c>, so mappers pass the same bytes they placed.
/// </summary>
internal ref struct ObservableWriter
{
    private static readonly Dictionary<int, JsonEncodedText> Captions = new()
    {
        [1] = JsonEncodedText.Encode("Hostname"), [2] = JsonEncodedText.Encode("IP Address"), [3] = JsonEncodedText.Encode("MAC Address"),
        [4] = JsonEncodedText.Encode("User Name"), [5] = JsonEncodedText.Encode("Email Address"), [6] = JsonEncodedText.Encode("URL String"),
        [7] = JsonEncodedText.Encode("File Name"), [8] = JsonEncodedText.Encode("Hash"), [9] = JsonEncodedText.Encode("Process Name"),
        [10] = JsonEncodedText.Encode("Resource UID"), [13] = JsonEncodedText.Encode("Command Line"), [14] = JsonEncodedText.Encode("Country"),
        [16] = JsonEncodedText.Encode("HTTP User-Agent"), [31] = JsonEncodedText.Encode("User Object: uid"), [40] = JsonEncodedText.Encode("Email Object: subject"),
        [41] = JsonEncodedText.Encode("Email Object: uid"), [45] = JsonEncodedText.Encode("File Path"), [46] = JsonEncodedText.Encode("Registry Key Path"),
        [47] = JsonEncodedText.Encode("Device Object: uid"),
    };

    private readonly Utf8JsonWriter _writer;
    private bool _started;

    public ObservableWriter(Utf8JsonWriter writer)
    {
        _writer = writer;
        _started = false;
    }

    public void Add(scoped ReadOnlySpan<byte> name, int typeId, scoped ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            return;
        }

        if (!_started)
        {
            _writer.WriteStartArray(Names.Observables);
            _started = true;
        }

        _writer.WriteStartObject();
        _writer.WriteString(Names.Name, name);
        _writer.WriteNumber(Names.TypeId, typeId);
        _writer.WriteString(Names.Type, Captions[typeId]);
        _writer.WriteString(Names.Value, value);
        _writer.WriteEndObject();
    }

    public readonly void End()
    {
        if (_started)
        {
            _writer.WriteEndArray();
        }
    }
}
