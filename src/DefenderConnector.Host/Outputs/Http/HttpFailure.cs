namespace DefenderConnector.Host.Outputs.Http;

/// <summary>
/// The HTTP statuses every receiver shares, as delivery failures: throttled, busy or failing (408, 429, 5xx) is
/// transient and honours <c>Retry-After</c>; refused credentials (401) and missing rights (403) are not, and say
/// which setting to check; any other 4xx is a request the receiver will never take as it is.
/// </summary>
internal static class HttpFailure
{
    public static OutputDeliveryException From(string output, Uri url, HttpAnswer answer, string detail, string authHint)
    {
        var destination = HttpEndpointOptions.Describe(url);
        var status = answer.Status;
        return status switch
        {
            401 => new($"{output} output {destination}: the receiver refused the credentials (HTTP 401: {detail}); check {authHint}.", false, stage: "auth"),
            403 => new($"{output} output {destination}: the credentials are not allowed to write here (HTTP 403: {detail}); check {authHint}.", false, stage: "auth"),
            408 or 429 or 500 or 502 or 503 or 504 => new($"{output} output {destination}: the receiver is {(status == 429 ? "throttling" : "busy or failing")} (HTTP {status}: {detail}){(answer.RetryAfter is { } after ? $"; it asked to wait {after.TotalSeconds:0} s" : "")}.", true, retryAfter: answer.RetryAfter),
            _ when status >= 500 => new($"{output} output {destination}: the receiver failed (HTTP {status}: {detail}).", true, retryAfter: answer.RetryAfter),
            _ => new($"{output} output {destination}: the receiver rejected the request (HTTP {status}: {detail}).", false),
        };
    }
}
