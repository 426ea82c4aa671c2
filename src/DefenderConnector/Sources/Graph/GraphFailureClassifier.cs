using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using DefenderConnector.Pulling;
using Microsoft.Identity.Client;
using Microsoft.Kiota.Abstractions;

namespace DefenderConnector.Sources.Graph;

/// <summary>
/// Maps HTTP statuses, network, MSAL and Kiota errors onto <see cref="GraphFailureReason"/> once, so
/// retries, fallback and test-connectivity all reason about the same closed set. Messages quote the
/// server's words (never a request body, so never a secret).
/// </summary>
internal static partial class GraphFailureClassifier
{
    public static ConnectorException FromStatus(HttpStatusCode status, TimeSpan? retryAfter, string? serverMessage, ApiMode api, string? requestId, Exception? inner = null)
    {
        var code = (int)status;
        var (reason, transient) = code switch
        {
            401 => (GraphFailureReason.Unauthorized, false),
            403 => (GraphFailureReason.MissingPermission, false),
            404 => (GraphFailureReason.NotFound, false),
            429 => (GraphFailureReason.Throttled, true),
            503 when retryAfter is not null => (GraphFailureReason.Throttled, true),
            >= 500 => (GraphFailureReason.ServiceError, true),
            _ => (GraphFailureReason.Unknown, false),
        };
        var text = $"{api} API answered {code} {status}" + (string.IsNullOrWhiteSpace(serverMessage) ? "." : $": {Trim(serverMessage)}");
        return new ConnectorException(reason, transient, text, inner) { StatusCode = status, RetryAfter = retryAfter, RequestId = requestId, Api = api };
    }

    public static ConnectorException Classify(Exception e, ApiMode api, DateTimeOffset now) => e switch
    {
        ConnectorException { IsGraph: true } g => g,
        MsalServiceException m => FromMsal(m),
        MsalClientException m => new ConnectorException(GraphFailureReason.CertificateUnusable, false, $"MSAL refused the local credential ({m.ErrorCode}): {Trim(m.Message)}", m),
        ApiException a => FromStatus((HttpStatusCode)a.ResponseStatusCode, RetryAfter(a.ResponseHeaders, now), ApiMessage(a), api, First(a.ResponseHeaders, "request-id"), a),
        HttpRequestException h => FromNetwork(h, api),
        TaskCanceledException t => new ConnectorException(GraphFailureReason.ConnectionFailed, true, $"{api} API did not answer in time.", t) { Api = api },
        JsonException j => new ConnectorException(GraphFailureReason.Malformed, false, $"{api} API sent JSON that could not be read: {j.Message}", j) { Api = api },
        CryptographicException c => new ConnectorException(GraphFailureReason.CertificateUnusable, false, $"The client certificate cannot be used: {c.Message}", c),
        _ => new ConnectorException(GraphFailureReason.Unknown, false, $"{e.GetType().Name}: {Trim(e.Message)}", e) { Api = api },
    };

    public static TimeSpan? RetryAfter(IDictionary<string, IEnumerable<string>>? headers, DateTimeOffset now) =>
        ParseRetryAfter(First(headers, "Retry-After"), now);

    public static TimeSpan? ParseRetryAfter(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at > now ? at - now : TimeSpan.Zero
            : null;
    }

    /// <summary>The first role Graph names in "Missing application roles. API required roles: X,Y, application roles: ."</summary>
    public static string? RequiredRole(string message)
    {
        var match = RequiredRolesPattern().Match(message);
        return match.Success ? match.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries)[0] : null;
    }

    private static ConnectorException FromMsal(MsalServiceException m)
    {
        var match = AadstsPattern().Match(m.Message);
        var aadsts = match.Success ? match.Groups[1].Value : null;
        var reason = aadsts switch
        {
            "90002" or "900023" or "90038" or "900432" => GraphFailureReason.TenantNotFound,
            "700016" => GraphFailureReason.ApplicationNotFound,
            "7000215" => GraphFailureReason.InvalidSecret,
            "7000222" => GraphFailureReason.ExpiredSecret,
            "700027" or "700030" => GraphFailureReason.UnknownCertificate,
            _ when m.StatusCode == 429 => GraphFailureReason.Throttled,
            _ when m.StatusCode >= 500 || m.ErrorCode == "service_not_available" => GraphFailureReason.ServiceError,
            _ when m.ErrorCode == "request_timeout" => GraphFailureReason.ConnectionFailed,
            _ => GraphFailureReason.AuthenticationFailed,
        };
        var transient = reason is GraphFailureReason.Throttled or GraphFailureReason.ServiceError or GraphFailureReason.ConnectionFailed;

        // Entra's description is the user-facing sentence; the trace part after it is noise.
        var description = m.Message.Split(" Trace ID:", 2)[0];
        return new ConnectorException(reason, transient, $"The token endpoint refused the request ({m.ErrorCode}): {Trim(description)}", m)
        {
            AadstsCode = aadsts,
            StatusCode = m.StatusCode > 0 ? (HttpStatusCode)m.StatusCode : null,
            RetryAfter = m.Headers?.RetryAfter?.Delta,
            RequestId = m.CorrelationId,
        };
    }

    private static ConnectorException FromNetwork(HttpRequestException h, ApiMode api)
    {
        var reason = h.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => GraphFailureReason.DnsFailure,
            HttpRequestError.SecureConnectionError => GraphFailureReason.TlsFailure,
            _ when h.InnerException is AuthenticationException => GraphFailureReason.TlsFailure,
            _ when h.InnerException is SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData } => GraphFailureReason.DnsFailure,
            _ => GraphFailureReason.ConnectionFailed,
        };
        return new ConnectorException(reason, reason == GraphFailureReason.ConnectionFailed, $"{api} request failed ({reason}): {Trim(h.Message)}", h) { Api = api, StatusCode = h.StatusCode };
    }

    private static string? ApiMessage(ApiException a) =>
        a is Microsoft.Graph.Models.ODataErrors.ODataError o && o.Error is { } err ? $"{err.Code}: {err.Message}" : a.Message;

    private static string? First(IDictionary<string, IEnumerable<string>>? headers, string name)
    {
        if (headers is null)
        {
            return null;
        }

        foreach (var (key, values) in headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return values.FirstOrDefault();
            }
        }

        return null;
    }

    private static string Trim(string text) => text.Length > 400 ? text[..400] + "..." : text;

    [GeneratedRegex(@"AADSTS(\d+)")]
    private static partial Regex AadstsPattern();

    [GeneratedRegex(@"required roles:\s*([^ ]+?),?\s+application roles", RegexOptions.IgnoreCase)]
    private static partial Regex RequiredRolesPattern();
}
