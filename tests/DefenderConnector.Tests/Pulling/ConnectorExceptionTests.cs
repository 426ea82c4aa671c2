using System.Net;
using DefenderConnector.Pulling;
using DefenderConnector.Sources.EventHub;
using DefenderConnector.Sources.Graph;

namespace DefenderConnector.Tests.Pulling;

/// <summary>One exception type for every failure: the code, its typed reason and the source's details agree.</summary>
public sealed class ConnectorExceptionTests
{
    [Fact]
    public void An_event_hub_failure_carries_its_reason_as_code_and_typed_reason()
    {
        var typed = new ConnectorException(EventHubFailureReason.ServerBusy, isTransient: true, "busy") { Condition = "com.microsoft:server-busy" };
        var byCode = new ConnectorException(ConnectorFailure.EventHub, "ServerBusy", isTransient: true, "busy");

        foreach (var e in new[] { typed, byCode })
        {
            Assert.Equal((ConnectorFailure.EventHub, "ServerBusy", EventHubFailureReason.ServerBusy, true), (e.Failure, e.Code, e.EventHubReason, e.IsTransient));
            Assert.True(e.IsEventHub);
            Assert.False(e.IsGraph);
            Assert.Equal(GraphFailureReason.Unknown, e.GraphReason);
        }

        Assert.Equal("com.microsoft:server-busy", typed.Condition);
        Assert.Empty(typed.Facts);
    }

    [Fact]
    public void A_graph_failure_carries_its_http_details_and_names_the_api_in_the_summary_facts()
    {
        var e = GraphFailureClassifier.FromStatus(HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(7), "slow down", ApiMode.M365d, "rid-1");

        Assert.Equal((ConnectorFailure.Graph, "Throttled", GraphFailureReason.Throttled, true), (e.Failure, e.Code, e.GraphReason, e.IsTransient));
        Assert.Equal((HttpStatusCode?)HttpStatusCode.TooManyRequests, e.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), e.RetryAfter);
        Assert.Equal("rid-1", e.RequestId);
        Assert.Equal(EventHubFailureReason.Unknown, e.EventHubReason);
        Assert.Equal([new KeyValuePair<string, string>("mode", "m365d")], e.Facts);
    }

    [Fact]
    public void State_and_sink_failures_have_no_source_reason()
    {
        var sink = ConnectorException.Sink(3, new IOException("disk gone"));

        Assert.Equal((ConnectorFailure.Sink, ConnectorException.SinkFailed, false), (sink.Failure, sink.Code, sink.IsTransient));
        Assert.False(sink.IsEventHub || sink.IsGraph);
    }
}
