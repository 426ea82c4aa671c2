using DefenderConnector.Configuration;

namespace DefenderConnector.Sources.EventHub;

/// <summary>The <c>eventHub.entra</c> settings after validation. Secrets are <see cref="Secret"/>s.</summary>
internal sealed record EntraOptions
{
    public required EntraMethod Method { get; init; }

    public string? TenantId { get; init; }

    /// <summary>The app's client id; for a managed identity, a user-assigned identity's client id (null: system-assigned).</summary>
    public string? ClientId { get; init; }

    public Secret? ClientSecret { get; init; }

    public string? CertificatePath { get; init; }

    public Secret? CertificatePassword { get; init; }

    /// <summary>The workload identity's projected token file.</summary>
    public string? TokenFilePath { get; init; }

    /// <summary>The Entra authority, for sovereign clouds (null: the public cloud).</summary>
    public Uri? AuthorityHost { get; init; }

    /// <summary>Safe to print.</summary>
    public string Describe() => Method switch
    {
        EntraMethod.ManagedIdentity => ClientId is null ? "Entra managed identity (system-assigned)" : $"Entra managed identity {ClientId}",
        EntraMethod.WorkloadIdentity => $"Entra workload identity {ClientId} in tenant {TenantId}",
        _ => $"Entra app {ClientId} in tenant {TenantId} ({(Method == EntraMethod.Certificate ? "certificate" : "client secret")})",
    };
}
