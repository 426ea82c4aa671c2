namespace DefenderConnector.Sources.Storage;

/// <summary>The closed set of reasons a Storage operation fails, from <see cref="StorageFailureClassifier"/>.</summary>
internal enum StorageFailureReason
{
    Unknown,

    /// <summary>The key, SAS or token was refused (401, or 403 AuthenticationFailed); also an Entra sign-in that failed.</summary>
    AuthenticationFailed,

    /// <summary>Signed in, but not allowed (403: a SAS without List/Read, a role missing).</summary>
    Forbidden,

    /// <summary>The account, container or blob does not exist (404).</summary>
    NotFound,

    /// <summary>The account is over its limits (429, 503 ServerBusy).</summary>
    Throttled,

    /// <summary>The service failed (500, 502, 504).</summary>
    ServiceError,

    /// <summary>No answer: DNS, TCP, TLS or a timeout.</summary>
    ConnectionFailed,

    /// <summary>A range the blob no longer has (416): it was replaced by a shorter one.</summary>
    RangeNotSatisfiable,
}
