using System.Net;
using System.Net.Sockets;
using Azure;
using Azure.Identity;
using DefenderConnector.Pulling;

namespace DefenderConnector.Sources.Storage;

/// <summary>
/// Turns whatever an Azure Storage call throws into the one <see cref="ConnectorException"/> with a
/// <see cref="StorageFailureReason"/>, a transient flag and plain words naming the setting to check. The
/// SDK's own message is not used: it lists request headers. Nothing here prints a key or SAS.
/// </summary>
internal static class StorageFailureClassifier
{
    public static ConnectorException Classify(Exception e, string operation)
    {
        if (e is ConnectorException already)
        {
            return already;
        }

        var (reason, transient, words) = e switch
        {
            RequestFailedException { Status: 0 } => (StorageFailureReason.ConnectionFailed, true, $"no answer from the account ({Inner(e)})"),
            RequestFailedException r => FromStatus(r),
            AuthenticationFailedException or CredentialUnavailableException => (StorageFailureReason.AuthenticationFailed, false, $"Entra sign-in failed ({FirstLine(e.Message)}); check storage.entra"),
            HttpRequestException or IOException or SocketException or TimeoutException or TaskCanceledException => (StorageFailureReason.ConnectionFailed, true, $"no answer from the account ({Inner(e)}); check the endpoint, DNS, the firewall and the proxy"),
            _ => (StorageFailureReason.Unknown, false, $"{e.GetType().Name}: {FirstLine(e.Message)}"),
        };
        var status = e is RequestFailedException { Status: > 0 } failed ? (HttpStatusCode?)failed.Status : null;
        return new ConnectorException(ConnectorFailure.Storage, reason.ToString(), transient, $"Azure Storage: {operation}: {words}.", e) { StatusCode = status };
    }

    /// <summary>The reason of a failure this classifier built (Unknown for any other).</summary>
    public static StorageFailureReason ReasonOf(ConnectorException failure) =>
        failure.Failure == ConnectorFailure.Storage && Enum.TryParse<StorageFailureReason>(failure.Code, out var reason) ? reason : StorageFailureReason.Unknown;

    private static (StorageFailureReason, bool, string) FromStatus(RequestFailedException r)
    {
        var code = string.IsNullOrEmpty(r.ErrorCode) ? string.Empty : $" {r.ErrorCode}";
        return r.Status switch
        {
            401 => (StorageFailureReason.AuthenticationFailed, false, $"401{code}: the account refused the credential; check storage.connectionString, storage.sasToken (expired?) or storage.entra"),
            403 when r.ErrorCode is "AuthenticationFailed" => (StorageFailureReason.AuthenticationFailed, false, $"403{code}: the key or SAS signature is wrong, or the SAS expired; check storage.connectionString or storage.sasToken"),
            403 => (StorageFailureReason.Forbidden, false, $"403{code}: the request was refused; an account key allows everything, so with one the key in storage.connectionString is wrong; a SAS needs List and Read on containers and objects (sp=rl, srt=sco) and must not have expired (storage.sasToken); an Entra identity needs the role Storage Blob Data Reader (storage.entra)"),
            404 => (StorageFailureReason.NotFound, false, $"404{code}: not found; check the account name and storage.containerPrefix"),
            416 => (StorageFailureReason.RangeNotSatisfiable, false, $"416{code}: the blob is shorter than what was already delivered"),
            429 or 503 => (StorageFailureReason.Throttled, true, $"{r.Status}{code}: the account is busy"),
            >= 500 => (StorageFailureReason.ServiceError, true, $"{r.Status}{code}: the service failed"),
            _ => (StorageFailureReason.Unknown, false, $"{r.Status}{code}"),
        };
    }

    private static string Inner(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return $"{inner.GetType().Name}: {FirstLine(inner.Message)}";
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}
