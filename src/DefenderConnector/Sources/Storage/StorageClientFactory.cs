using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using DefenderConnector.Sources.EventHub;

namespace DefenderConnector.Sources.Storage;

/// <summary>
/// The Blob service client for the configured account and sign-in. The SDK's own retries are off (the
/// engine's retry layer decides, with <see cref="StorageRetryDecision"/>); each request has the operation timeout.
/// </summary>
internal static class StorageClientFactory
{
    public static BlobServiceClient Create(StorageSourceOptions options)
    {
        var client = new BlobClientOptions();
        client.Retry.MaxRetries = 0;
        client.Retry.NetworkTimeout = options.OperationTimeout;
        return options.Auth switch
        {
            StorageAuthKind.ConnectionString => new BlobServiceClient(options.ConnectionString!.Value, client),
            StorageAuthKind.SasToken => new BlobServiceClient(new Uri(options.BlobEndpoint.GetLeftPart(UriPartial.Path)), new Azure.AzureSasCredential(options.SasToken!.Value), client),
            _ => new BlobServiceClient(options.BlobEndpoint, Credential(options.Entra!, options.OperationTimeout), client),
        };
    }

    private static TokenCredential Credential(EntraOptions entra, TimeSpan timeout)
    {
        T Configure<T>(T o)
            where T : TokenCredentialOptions
        {
            o.Retry.MaxRetries = 0;
            o.Retry.NetworkTimeout = timeout;
            if (entra.AuthorityHost is { } authority)
            {
                o.AuthorityHost = authority;
            }

            return o;
        }

        return entra.Method switch
        {
            EntraMethod.ClientSecret => new ClientSecretCredential(entra.TenantId, entra.ClientId, entra.ClientSecret!.Value,
                Configure(new ClientSecretCredentialOptions { DisableInstanceDiscovery = entra.AuthorityHost is not null })),
            EntraMethod.Certificate => new ClientCertificateCredential(entra.TenantId, entra.ClientId, Graph.ClientCertificateLoader.Load(entra.CertificatePath!, entra.CertificatePassword),
                Configure(new ClientCertificateCredentialOptions { DisableInstanceDiscovery = entra.AuthorityHost is not null })),
            EntraMethod.WorkloadIdentity => new WorkloadIdentityCredential(Configure(new WorkloadIdentityCredentialOptions { TenantId = entra.TenantId, ClientId = entra.ClientId, TokenFilePath = entra.TokenFilePath })),
            _ => new ManagedIdentityCredential(Configure(new ManagedIdentityCredentialOptions(
                entra.ClientId is { } id ? ManagedIdentityId.FromUserAssignedClientId(id) : ManagedIdentityId.SystemAssigned))),
        };
    }
}
