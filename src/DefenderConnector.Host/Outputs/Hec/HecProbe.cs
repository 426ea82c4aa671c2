using DefenderConnector.Abstractions;
using DefenderConnector.Host.Outputs.Http;

namespace DefenderConnector.Host.Outputs.Hec;

/// <summary>
/// test-connectivity for HEC without indexing anything: the token is proved by an empty request to the event
/// endpoint (HEC checks the token first and answers "No data", code 5, to a good one); then the health endpoint;
/// with <c>useAck</c>, an ack query (code 14 means acknowledgement is off for the token). No test event is sent:
/// it would land in the index.
/// </summary>
internal static class HecProbe
{
    public static Task<ConnectivityReport> RunAsync(HecOutput output, CancellationToken cancellationToken) =>
        HttpProbe.RunAsync(output.Kind, output.Url("event"), async token =>
        {
            var answer = await output.ProbeRequestAsync("event", token).ConfigureAwait(false);
            var reply = HecReply.Parse(answer);
            if (answer.Status == 400 && reply.Code == 5 || answer.IsSuccess)
            {
                return $"token accepted ({output.Options.Token.Origin}); an empty request was answered '{reply.Detail}', nothing was indexed";
            }

            throw reply.Failure(answer, output.Url("event"), output.Options);
        }, async token =>
        {
            var hops = new List<ConnectivityHop>();
            var health = await output.ProbeRequestAsync("health", token).ConfigureAwait(false);
            var reply = HecReply.Parse(health);
            hops.Add(new ConnectivityHop("health", health.IsSuccess ? HopVerdict.Passed : HopVerdict.Failed, health.IsSuccess ? reply.Detail : $"HTTP {health.Status}: {reply.Detail}"));
            if (output.Options.UseAck)
            {
                var ack = await output.ProbeRequestAsync("ack", token).ConfigureAwait(false);
                hops.Add(ack.IsSuccess
                    ? new ConnectivityHop("ack", HopVerdict.Passed, "indexer acknowledgement is on for the token")
                    : new ConnectivityHop("ack", HopVerdict.Failed, HecReply.Parse(ack).Failure(ack, output.Url("ack"), output.Options).Message));
            }

            hops.Add(new ConnectivityHop("write", HopVerdict.Warning, "not tested: any event sent would be indexed; the empty request above proved the token may send"));
            return hops;
        }, cancellationToken);
}
