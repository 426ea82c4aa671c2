using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using DefenderConnector.Sources.EventHub;

namespace DefenderConnector.Checkpoints.Blob;

/// <summary>Builds the container client from validated settings, with the request counter in its pipeline.</summary>
internal static class BlobContainerFactory
{
    public static BlobContainerClient Create(BlobStoreOptions options, StorageRequestCounter counter)
    {
        var clientOptions = new BlobClientOptions
        {
            Retry = { MaxRetries = 3, NetworkTimeout = options.OperationTimeout, Mode = RetryMode.Exponential, Delay = TimeSpan.FromMilliseconds(200) },
        };
        clientOptions.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        var certificates = new CertificateValidator(options.TrustedCertificatePath);
        if (options.TrustedCertificatePath is not null)
        {
            clientOptions.Transport = new HttpClientTransport(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = certificates.Validate } });
        }

        if (options.ConnectionString is { } connectionString)
        {
            return new BlobContainerClient(connectionString.Value, options.Container, clientOptions);
        }

        var uri = new Uri(options.AccountUrl!.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/" + options.Container);
        if (options.SasToken is { } sas)
        {
            return new BlobContainerClient(uri, new AzureSasCredential(sas.Value), clientOptions);
        }

        var credential = EventHubCredentialFactory.Create(options.Entra!, proxy: null, options.OperationTimeout, certificates);
        return new BlobContainerClient(uri, credential, clientOptions);
    }
}
