using DefenderConnector.Configuration;
using DefenderConnector.Sources.EventHub;

namespace DefenderConnector.Tests.Sources.EventHub;

/// <summary>An SDK transport whose connection is only created, never opened: for readers over scripted receivers.</summary>
internal static class UnopenedTransport
{
    public static SdkEventHubTransport Create() => new(new EventHubSourceOptions
    {
        FullyQualifiedNamespace = "127.0.0.1",
        HubName = "hub",
        SasPolicyName = "p",
        SasKey = new Secret("k", "literal"),
    });
}
