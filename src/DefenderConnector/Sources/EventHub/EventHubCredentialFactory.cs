using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;

namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// The Entra ID credential for Event Hubs (Azure.Identity): client secret, certificate, managed
/// identity or workload identity. Token requests go through one HttpClient that trusts the system store
/// plus <c>eventHub.trustedCertificate</c> and, except for a managed identity's local endpoint, through
/// <c>eventHub.proxy</c>. Azure.Identity's own retries are off: the source's retry layer decides.
/// </summary>
internal static class EventHubCredentialFactory
{
    public static TokenCredential Create(EntraOptions entra, EventHubSourceOptions options, CertificateValidator certificates) =>
        Create(entra, options.Proxy, options.OperationTimeout, certificates);

    /// <summary>The same credential for another Azure service (the Blob checkpoint store): its own proxy, timeout and trust.</summary>
    public static TokenCredential Create(EntraOptions entra, Configuration.ProxySettings? proxy, TimeSpan timeout, CertificateValidator certificates)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = certificates.Validate },
        };
        if (proxy is not null && entra.Method != EntraMethod.ManagedIdentity)
        {
            handler.Proxy = proxy.CreateWebProxy();
            handler.UseProxy = true;
        }

        var http = new HttpClient(handler) { Timeout = timeout };
        T Configure<T>(T o)
            where T : TokenCredentialOptions
        {
            o.Transport = new HttpClientTransport(http);
            o.Retry.MaxRetries = 0;
            if (entra.AuthorityHost is { } authority)
            {
                o.AuthorityHost = authority;
            }

            return o;
        }

        return entra.Method switch
        {
            // With an authority host given (a sovereign or private cloud), its own endpoints are used as they
            // are: instance discovery would ask the public cloud's login host about it first.
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
