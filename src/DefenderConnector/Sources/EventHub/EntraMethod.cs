namespace DefenderConnector.Sources.EventHub;

/// <summary>How the connector signs in to Entra ID for Event Hubs (role "Azure Event Hubs Data Receiver").</summary>
internal enum EntraMethod
{
    /// <summary>An app registration with a client secret.</summary>
    ClientSecret,

    /// <summary>An app registration with a certificate (PFX/P12 or PEM with its private key).</summary>
    Certificate,

    /// <summary>The managed identity of the Azure resource the connector runs on (system- or user-assigned).</summary>
    ManagedIdentity,

    /// <summary>Workload identity federation: a projected service-account token exchanged for an Entra token.</summary>
    WorkloadIdentity,
}
