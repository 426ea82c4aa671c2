namespace DefenderConnector.Tests.Encoders;

/// <summary>A parsed CEF line.</summary>
internal sealed record CefMessage(IReadOnlyList<string> Header, IReadOnlyList<KeyValuePair<string, string>> Extension)
{
    public string Version => Header[0];

    public string SignatureId => Header[4];

    public string Name => Header[5];

    public string Severity => Header[6];

    public string? this[string key] => Extension.FirstOrDefault(p => p.Key == key).Value;
}
