using DefenderConnector.Pulling;
namespace DefenderConnector.Sources.Graph;

/// <summary>What one pull in one API mode did: the streams read, and those that failed on their own.</summary>
internal sealed class ModePull
{
    public List<StreamResult> Results { get; } = [];

    public List<(string Name, ConnectorException Failure)> Failures { get; } = [];
}
