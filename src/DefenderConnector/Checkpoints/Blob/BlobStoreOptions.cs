using DefenderConnector.Configuration;
using DefenderConnector.Sources.EventHub;

namespace DefenderConnector.Checkpoints.Blob;

/// <summary>
/// The Azure Storage container of <c>checkpointStore</c>, and one way to sign in: a connection string,
/// an account URL with a SAS token, or an account URL with Entra ID (role "Storage Blob Data Contributor").
/// </summary>
internal sealed record BlobStoreOptions
{
    public required string Container { get; init; }

    public Secret? ConnectionString { get; init; }

    /// <summary>The blob service endpoint, for example <c>https://contoso.blob.core.windows.net</c>.</summary>
    public Uri? AccountUrl { get; init; }

    public Secret? SasToken { get; init; }

    public EntraOptions? Entra { get; init; }

    /// <summary>A PEM bundle trusted beside the system store for Storage and the Entra sign-in (<c>checkpointStore.trustedCertificate</c>).</summary>
    public string? TrustedCertificatePath { get; init; }

    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Safe to print: no secret.</summary>
    public string Describe() =>
        $"container {Container} {(AccountUrl is { } url ? $"at {url.GetLeftPart(UriPartial.Path).TrimEnd('/')}" : "(connection string)")}, {(Entra?.Describe() ?? (SasToken is not null ? "SAS token" : "account key"))}";
}
