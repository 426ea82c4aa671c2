using System.Net.Sockets;
using System.Security.Authentication;
using DefenderConnector.Sources.EventHub;

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

    [Theory]
    [InlineData(200, null)]
    [InlineData(202, null)]
    [InlineData(400, "com.microsoft:argument-error")]
    [InlineData(401, "amqp:unauthorized-access")]
    [InlineData(404, "amqp:not-found")]
    [InlineData(408, "com.microsoft:timeout")]
    [InlineData(410, "amqp:link:stolen")]
    [InlineData(500, "amqp:internal-error")]
    [InlineData(503, "com.microsoft:server-busy")]
    public void Maps_status_codes_to_conditions(int status, string? condition) =>
        Assert.Equal(condition, EventHubFailureClassifier.ConditionForStatus(status, EventHubOperation.Management));

    [Fact]
    public void A_forbidden_put_token_is_unauthorized_and_a_forbidden_read_is_a_quota()
    {
        Assert.Equal("amqp:unauthorized-access", EventHubFailureClassifier.ConditionForStatus(403, EventHubOperation.Authorize));
        Assert.Equal("amqp:resource-limit-exceeded", EventHubFailureClassifier.ConditionForStatus(403, EventHubOperation.Management));
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
        { new Amqp.AmqpException("amqp:link:stolen", "stolen"), nameof(EventHubFailureReason.OwnershipLost), false },
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
            Assert.Equal(transient, EventHubRetryPolicy.Delay(failure, 1, 5, 0.5) is not null);
        }
    }
}
