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
        var certificates = new CertificateValidator(options.TrustedCertificatePath);
        if (options.TrustedCertificatePath is not null)
        {
            client.Transport = new Azure.Core.Pipeline.HttpClientTransport(new System.Net.Http.SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = certificates.Validate } });
        }

        return options.Auth switch
        {
            StorageAuthKind.ConnectionString => new BlobServiceClient(options.ConnectionString!.Value, client),
            StorageAuthKind.SasToken => new BlobServiceClient(new Uri(options.BlobEndpoint.GetLeftPart(UriPartial.Path)), new Azure.AzureSasCredential(options.SasToken!.Value), client),
            // The same Entra credential as Event Hubs and the Blob checkpoint store (Azure.Identity, its retries off).
            _ => new BlobServiceClient(options.BlobEndpoint, EventHubCredentialFactory.Create(options.Entra!, proxy: null, options.OperationTimeout, certificates), client),
        };
    }
}
