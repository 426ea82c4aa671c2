using System.Net;
using DefenderConnector.Sources.Graph;

namespace DefenderConnector.Tests.Sources.Graph;

public sealed class GraphFailureClassifierTests
{
    [Theory]
    [InlineData(401, null, "Unauthorized", false)]
    [InlineData(403, null, "MissingPermission", false)]
    [InlineData(404, null, "NotFound", false)]
    [InlineData(429, 5, "Throttled", true)]
    [InlineData(503, 5, "Throttled", true)]
    [InlineData(503, null, "ServiceError", true)]
    [InlineData(500, null, "ServiceError", true)]
    [InlineData(400, null, "Unknown", false)]
    public void Classifies_statuses(int status, int? retryAfter, string reason, bool transient)
    {
        var e = GraphFailureClassifier.FromStatus((HttpStatusCode)status, retryAfter is { } s ? TimeSpan.FromSeconds(s) : null, "Forbidden: nope", ApiMode.Graph, "rid");
        Assert.Equal(reason, e.GraphReason.ToString());
        Assert.Equal(transient, e.IsTransient);
        Assert.Equal("rid", e.RequestId);
    }

    [Fact]
    public void Retry_after_may_be_seconds_or_a_date()
    {
        var now = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromSeconds(30), GraphFailureClassifier.ParseRetryAfter("30", now));
        Assert.Equal(TimeSpan.FromSeconds(90), GraphFailureClassifier.ParseRetryAfter("Sun, 01 Nov 2026 00:01:30 GMT", now));
        Assert.Null(GraphFailureClassifier.ParseRetryAfter("soon", now));
        Assert.Null(GraphFailureClassifier.ParseRetryAfter(null, now));
    }

    [Fact]
    public void Reads_the_first_required_role_from_graphs_403()
    {
        const string message = "Forbidden: Missing application roles. API required roles: SecurityAlert.Read.All,SecurityAlert.ReadWrite.All,SecurityIncident.Read.All, application roles: .";
        Assert.Equal("SecurityAlert.Read.All", GraphFailureClassifier.RequiredRole(message));
        Assert.Null(GraphFailureClassifier.RequiredRole("Forbidden"));
    }

    [Fact]
    public void Network_errors_are_told_apart()
    {
        var dns = GraphFailureClassifier.Classify(new HttpRequestException(HttpRequestError.NameResolutionError, "no such host"), ApiMode.Graph, DateTimeOffset.UnixEpoch);
        var tls = GraphFailureClassifier.Classify(new HttpRequestException(HttpRequestError.SecureConnectionError, "ssl"), ApiMode.Graph, DateTimeOffset.UnixEpoch);
        var refused = GraphFailureClassifier.Classify(new HttpRequestException(HttpRequestError.ConnectionError, "refused"), ApiMode.M365d, DateTimeOffset.UnixEpoch);
        Assert.Equal(GraphFailureReason.DnsFailure, dns.GraphReason);
        Assert.Equal(GraphFailureReason.TlsFailure, tls.GraphReason);
        Assert.Equal(GraphFailureReason.ConnectionFailed, refused.GraphReason);
        Assert.True(refused.IsTransient);
        Assert.Equal(ApiMode.M365d, refused.Api);
    }
}
