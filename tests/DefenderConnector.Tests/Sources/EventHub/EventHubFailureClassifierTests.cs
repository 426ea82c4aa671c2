using System.Net.Sockets;
using System.Security.Authentication;
using System.Net;
using Azure.Messaging.EventHubs;
using DefenderConnector.Sources.EventHub;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;

namespace DefenderConnector.Tests.Sources.EventHub;

public sealed class EventHubFailureClassifierTests
{
    public static TheoryData<string?, string?, string, string, bool> Conditions => new()
    {
        { "amqp:link:stolen", "New receiver 'b' with higher epoch of '2' is created hence current receiver 'a' with epoch '1' is getting disconnected.", nameof(EventHubOperation.Receive), nameof(EventHubFailureReason.OwnershipLost), false },
        { "amqp:resource-limit-exceeded", "Exceeded the maximum number of allowed receivers per partition in a consumer group which is 5.", nameof(EventHubOperation.Receive), nameof(EventHubFailureReason.ResourceLimitExceeded), false },
        { "amqp:unauthorized-access", "The token signature does not match for policy 'listen'.", nameof(EventHubOperation.Authorize), nameof(EventHubFailureReason.Unauthorized), false },
        { "amqp:unauthorized-access", "The token for policy 'listen' has expired at 2026-11-23T04:00:00Z.", nameof(EventHubOperation.Receive), nameof(EventHubFailureReason.Unauthorized), false },
        { "amqp:unauthorized-access", "The SAS policy 'reader' does not exist on this namespace.", nameof(EventHubOperation.Authorize), nameof(EventHubFailureReason.UnknownPolicy), false },
        { "amqp:unauthorized-access", "The authorization rule 'reader' could not be found.", nameof(EventHubOperation.Authorize), nameof(EventHubFailureReason.UnknownPolicy), false },
        { "amqp:unauthorized-access", null, nameof(EventHubOperation.Authorize), nameof(EventHubFailureReason.Unauthorized), false },
        { "amqp:not-found", "The messaging entity 'amqps://localhost/nohub' could not be found.", nameof(EventHubOperation.Authorize), nameof(EventHubFailureReason.HubNotFound), false },
        { "amqp:not-found", "The messaging entity 'ns:eventhub:nohub' could not be found.", nameof(EventHubOperation.Management), nameof(EventHubFailureReason.HubNotFound), false },
        { "amqp:not-found", "The messaging entity 'nohub/ConsumerGroups/$Default/Partitions/0' could not be found.", nameof(EventHubOperation.Receive), nameof(EventHubFailureReason.HubNotFound), false },
        { "amqp:not-found", "The consumer group 'audit' does not exist on event hub 'defender'.", nameof(EventHubOperation.Receive), nameof(EventHubFailureReason.ConsumerGroupNotFound), false },
        { "amqp:not-found", "The messaging entity 'sb://ns.servicebus.windows.net/defender/consumergroups/audit' could not be found.", nameof(EventHubOperation.Receive), nameof(EventHubFailureReason.ConsumerGroupNotFound), false },
        { "com.microsoft:server-busy", "The request was terminated because the entity is being throttled.", nameof(EventHubOperation.Receive), nameof(EventHubFailureReason.ServerBusy), true },
        { "com.microsoft:timeout", null, nameof(EventHubOperation.Management), nameof(EventHubFailureReason.Timeout), true },
        { "amqp:connection:forced", "The connection was inactive for more than the allowed period.", nameof(EventHubOperation.Receive), nameof(EventHubFailureReason.ConnectionLost), true },
        { "amqp:link:detach-forced", "The link was detached by the service.", nameof(EventHubOperation.Receive), nameof(EventHubFailureReason.ConnectionLost), true },
        { "amqp:illegal-state", null, nameof(EventHubOperation.Receive), nameof(EventHubFailureReason.ConnectionLost), true },
        { "amqp:internal-error", "Internal server error.", nameof(EventHubOperation.Management), nameof(EventHubFailureReason.ServiceError), true },
        { "com.microsoft:argument-out-of-range", "The specified partition is invalid for an EventHub partition sender or receiver.", nameof(EventHubOperation.Receive), nameof(EventHubFailureReason.InvalidArgument), false },
        { "com.microsoft:argument-error", null, nameof(EventHubOperation.Management), nameof(EventHubFailureReason.InvalidArgument), false },
        { "amqp:invalid-field", "The filter could not be parsed.", nameof(EventHubOperation.Receive), nameof(EventHubFailureReason.InvalidArgument), false },
        { "com.microsoft:entity-disabled", null, nameof(EventHubOperation.Receive), nameof(EventHubFailureReason.EntityDisabled), false },
        { "amqp:not-allowed", null, nameof(EventHubOperation.Receive), nameof(EventHubFailureReason.Unknown), false },
        { null, null, nameof(EventHubOperation.Receive), nameof(EventHubFailureReason.Unknown), false },
    };

    [Theory]
    [MemberData(nameof(Conditions))]
    public void Classifies_conditions(string? condition, string? description, string operation, string reason, bool transient)
    {
        var verdict = EventHubFailureClassifier.Classify(condition, description, Enum.Parse<EventHubOperation>(operation));

        Assert.Equal(reason, verdict.Reason.ToString());
        Assert.Equal(transient, verdict.IsTransient);
    }

    public static TheoryData<Exception, string, bool> Exceptions => new()
    {
        { new SocketException((int)SocketError.HostNotFound), nameof(EventHubFailureReason.DnsFailure), false },
        { new SocketException((int)SocketError.TryAgain), nameof(EventHubFailureReason.DnsFailure), true },
        { new SocketException((int)SocketError.ConnectionRefused), nameof(EventHubFailureReason.ConnectionRefused), true },
        { new SocketException((int)SocketError.HostUnreachable), nameof(EventHubFailureReason.ConnectionRefused), true },
        { new SocketException((int)SocketError.TimedOut), nameof(EventHubFailureReason.Timeout), true },
        { new SocketException((int)SocketError.ConnectionReset), nameof(EventHubFailureReason.ConnectionLost), true },
        { new IOException("Unable to read data from the transport connection.", new SocketException((int)SocketError.ConnectionReset)), nameof(EventHubFailureReason.ConnectionLost), true },
        { new IOException("The connection was closed."), nameof(EventHubFailureReason.ConnectionLost), true },
        { new AuthenticationException("The remote certificate is invalid according to the validation procedure."), nameof(EventHubFailureReason.TlsFailure), false },
        { new TimeoutException(), nameof(EventHubFailureReason.Timeout), true },
        { new ObjectDisposedException("socket"), nameof(EventHubFailureReason.ConnectionLost), true },
        { new AmqpException(new Error { Condition = new AmqpSymbol("amqp:link:stolen"), Description = "stolen" }), nameof(EventHubFailureReason.OwnershipLost), false },
        { new HttpRequestException("Proxy Authentication Required", null, HttpStatusCode.ProxyAuthenticationRequired), nameof(EventHubFailureReason.ProxyAuthenticationFailed), false },
        { new HttpRequestException(HttpRequestError.ProxyTunnelError, "The proxy tunnel request to proxy 'http://127.0.0.1:3128/' failed with status code '401'.", null, HttpStatusCode.Unauthorized), nameof(EventHubFailureReason.ProxyAuthenticationFailed), false },
        { new HttpRequestException(HttpRequestError.ProxyTunnelError, "The proxy tunnel request to proxy 'http://127.0.0.1:3128/' failed with status code '403'.", null, HttpStatusCode.Forbidden), nameof(EventHubFailureReason.Unknown), false },
        { new System.Net.WebSockets.WebSocketException("Unable to connect to the remote server", new HttpRequestException("Proxy Authentication Required", null, HttpStatusCode.ProxyAuthenticationRequired)), nameof(EventHubFailureReason.ProxyAuthenticationFailed), false },
        { new AggregateException(new SocketException((int)SocketError.ConnectionRefused)), nameof(EventHubFailureReason.ConnectionRefused), true },
        { new InvalidOperationException("bug"), nameof(EventHubFailureReason.Unknown), false },
    };

    [Theory]
    [MemberData(nameof(Exceptions))]
    public void Classifies_exceptions(Exception exception, string reason, bool transient)
    {
        var verdict = EventHubFailureClassifier.Classify(exception, EventHubOperation.Connect);

        Assert.Equal(reason, verdict.Reason.ToString());
        Assert.Equal(transient, verdict.IsTransient);
    }

    [Fact]
    public void Only_transient_failures_are_retried()
    {
        foreach (var (condition, _, operation, reason, transient) in Conditions.Select(row => ((string?)row[0], (string?)row[1], Enum.Parse<EventHubOperation>((string)row[2]), (string)row[3], (bool)row[4])))
        {
            var failure = EventHubErrors.FromCondition(operation, "test", condition, null);
            Assert.Equal(transient, EventHubRetryDecision.Delay(failure, 1, 5, 0.5) is not null);
        }
    }

    // What Azure.Messaging.EventHubs raises for each service condition (its AMQP error translation):
    // the SDK folds some conditions together, and the service's description tells them apart again.
    public static TheoryData<Exception, string, string, bool> SdkExceptions => new()
    {
        { new UnauthorizedAccessException("The token signature does not match for policy 'listen'." + Environment.NewLine + "For troubleshooting information, see https://aka.ms/x"), nameof(EventHubOperation.Management), nameof(EventHubFailureReason.Unauthorized), false },
        { new UnauthorizedAccessException("The SAS policy 'reader' does not exist on this namespace."), nameof(EventHubOperation.Management), nameof(EventHubFailureReason.UnknownPolicy), false },
        { new EventHubsException("nohub", "The messaging entity 'amqps://localhost/nohub' could not be found.", EventHubsException.FailureReason.ResourceNotFound), nameof(EventHubOperation.Management), nameof(EventHubFailureReason.HubNotFound), false },
        { new EventHubsException("defender", "The messaging entity 'defender/ConsumerGroups/audit/Partitions/0' could not be found: the consumer group 'audit' does not exist on event hub 'defender'.", EventHubsException.FailureReason.ResourceNotFound), nameof(EventHubOperation.Receive), nameof(EventHubFailureReason.ConsumerGroupNotFound), false },
        { new EventHubsException("defender", "Messaging entity 'defender' is currently disabled.", EventHubsException.FailureReason.ResourceNotFound), nameof(EventHubOperation.Receive), nameof(EventHubFailureReason.EntityDisabled), false },
        { new EventHubsException("defender", "New receiver with higher epoch of '2' is created.", EventHubsException.FailureReason.ConsumerDisconnected), nameof(EventHubOperation.Receive), nameof(EventHubFailureReason.OwnershipLost), false },
        { new EventHubsException("defender", "Exceeded the maximum number of allowed receivers per partition in a consumer group which is 5.", EventHubsException.FailureReason.QuotaExceeded), nameof(EventHubOperation.Receive), nameof(EventHubFailureReason.ResourceLimitExceeded), false },
        { new EventHubsException("defender", "The request was terminated because the entity is being throttled.", EventHubsException.FailureReason.ServiceBusy), nameof(EventHubOperation.Receive), nameof(EventHubFailureReason.ServerBusy), true },
        { new EventHubsException("defender", "The operation did not complete in time.", EventHubsException.FailureReason.ServiceTimeout), nameof(EventHubOperation.Management), nameof(EventHubFailureReason.Timeout), true },
        { new EventHubsException("defender", "The link was detached by the service.", EventHubsException.FailureReason.ServiceCommunicationProblem), nameof(EventHubOperation.Receive), nameof(EventHubFailureReason.ConnectionLost), true },
        { new EventHubsException("defender", "Internal server error.", EventHubsException.FailureReason.ServiceCommunicationProblem), nameof(EventHubOperation.Management), nameof(EventHubFailureReason.ServiceError), true },
        { new EventHubsException(true, "defender", "The link is closed.", EventHubsException.FailureReason.ClientClosed), nameof(EventHubOperation.Receive), nameof(EventHubFailureReason.ConnectionLost), true },
        { new EventHubsException(true, "defender", "Connection failed.", EventHubsException.FailureReason.ServiceCommunicationProblem, new SocketException((int)SocketError.ConnectionRefused)), nameof(EventHubOperation.Connect), nameof(EventHubFailureReason.ConnectionRefused), true },
        { new ArgumentOutOfRangeException(null, "The specified partition is invalid for an EventHub partition sender or receiver."), nameof(EventHubOperation.Receive), nameof(EventHubFailureReason.InvalidArgument), false },
        { new ArgumentException("The filter could not be parsed."), nameof(EventHubOperation.Receive), nameof(EventHubFailureReason.InvalidArgument), false },
    };

    [Theory]
    [MemberData(nameof(SdkExceptions))]
    public void Classifies_what_the_sdk_raises(Exception exception, string operation, string reason, bool transient)
    {
        var verdict = EventHubFailureClassifier.Classify(exception, Enum.Parse<EventHubOperation>(operation));

        Assert.Equal(reason, verdict.Reason.ToString());
        Assert.Equal(transient, verdict.IsTransient);
    }

    [Fact]
    public void The_sdk_troubleshooting_link_and_any_signature_stay_out_of_the_message()
    {
        var failure = EventHubErrors.FromException(
            EventHubOperation.Management,
            "Reading the properties of event hub 'defender'",
            new UnauthorizedAccessException("Token SharedAccessSignature sr=x&sig=abc%2F&se=1&skn=listen refused." + Environment.NewLine + "For troubleshooting information, see https://aka.ms/x"));

        Assert.Equal("Reading the properties of event hub 'defender' failed (Token SharedAccessSignature *** refused).", failure.Message);
    }
}
