using Azure;
using Azure.Identity;
using DefenderConnector.Pulling;

namespace DefenderConnector.Checkpoints.Blob;

/// <summary>Turns a Storage failure into the connector's one failure type, in plain words naming the setting to check.</summary>
internal static class BlobFailures
{
    /// <summary>A failure of Storage or of the sign-in to it, which <see cref="Explain"/> words (not a fault of the connector).</summary>
    public static bool IsStorageFailure(Exception e) => e is RequestFailedException or AggregateException or HttpRequestException or AuthenticationFailedException;

    public static ConnectorException Explain(string what, string container, Exception e)
    {
        var (status, code) = e is RequestFailedException r ? (r.Status, r.ErrorCode ?? string.Empty) : (0, string.Empty);
        var advice = (status, code) switch
        {
            (404, "ContainerNotFound") => $"the container '{container}' does not exist: create it, or give checkpointStore.container the name of an existing one",
            (403, "AuthenticationFailed") => "Storage refused the credentials: check the account key or connection string (checkpointStore.connectionString) or the SAS token (checkpointStore.sasToken), and that it has not expired",
            // Azure sends this for a network rule or a SAS without the permission; Azurite also for a wrong key.
            (403, "AuthorizationFailure") => "Storage refused the request: check the credentials (checkpointStore.connectionString, sasToken or entra), the SAS permissions (read, add, create, write, list) and the account's firewall",
            (403, _) => "the identity may not read and write blobs there: grant it the role \"Storage Blob Data Contributor\" on the container or account (or a SAS with read, add, create, write and list permissions)",
            (401, _) => "Storage refused the sign-in: check checkpointStore.entra or the SAS token",
            (0, _) when e is AuthenticationFailedException => "the Entra sign-in for Storage failed: check checkpointStore.entra (tenant id, client id, secret or certificate, authority host) and, behind a private CA, checkpointStore.trustedCertificate",
            (0, _) when e is AggregateException or HttpRequestException or IOException or TimeoutException or TaskCanceledException => "Storage could not be reached: check checkpointStore.accountUrl (or the connection string's endpoint), DNS and the firewall",
            (>= 500, _) => "Storage had a service error; the next pull tries again",
            _ => "check checkpointStore",
        };
        var detail = status == 0 ? $"{e.GetType().Name}: {FirstLine(e.Message)}" : $"{status} {code}".TrimEnd();
        return ConnectorException.State($"checkpointStore: {what} failed ({detail}): {advice}.", e);
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
