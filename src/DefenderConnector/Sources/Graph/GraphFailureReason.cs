namespace DefenderConnector.Sources.Graph;

/// <summary>The closed set of Graph, legacy API and Entra token failures. <see cref="GraphFailureClassifier"/> maps onto it.</summary>
internal enum GraphFailureReason
{
    /// <summary>A host name does not resolve.</summary>
    DnsFailure,

    /// <summary>Nothing answered: connection refused, reset or timed out.</summary>
    ConnectionFailed,

    /// <summary>The TLS handshake failed (untrusted or mismatched certificate).</summary>
    TlsFailure,

    /// <summary>AADSTS90002 (or 900023): the tenant does not exist in this cloud.</summary>
    TenantNotFound,

    /// <summary>AADSTS700016: the client id is not registered in the tenant.</summary>
    ApplicationNotFound,

    /// <summary>AADSTS7000215: the client secret is wrong.</summary>
    InvalidSecret,

    /// <summary>AADSTS7000222: the client secret expired.</summary>
    ExpiredSecret,

    /// <summary>AADSTS700027 (or 700030): the certificate is not the one uploaded to the app.</summary>
    UnknownCertificate,

    /// <summary>The local certificate file or its password cannot be used.</summary>
    CertificateUnusable,

    /// <summary>Any other token endpoint refusal.</summary>
    AuthenticationFailed,

    /// <summary>The API rejected the token (401): wrong cloud or audience.</summary>
    Unauthorized,

    /// <summary>403: an application permission is missing or not consented.</summary>
    MissingPermission,

    /// <summary>404: the endpoint is not there (retired legacy host, wrong base URL).</summary>
    NotFound,

    /// <summary>The cloud does not offer this API.</summary>
    NotSupported,

    /// <summary>429 (or 503 with Retry-After): the app is over its request budget.</summary>
    Throttled,

    /// <summary>5xx: the service failed.</summary>
    ServiceError,

    /// <summary>The answer was not the JSON expected.</summary>
    Malformed,

    /// <summary>Anything else.</summary>
    Unknown,
}
