using Amqp;
using Amqp.Framing;

namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// Claims-based security on <c>$cbs</c>: a put-token tells the service which SAS token authorizes
/// links on an audience (a hub, its management node or a partition path). Renewal is the same call.
/// </summary>
internal sealed class CbsClient
{
    private readonly AmqpRequestResponseLink _link;
    private readonly TimeSpan _timeout;

    private CbsClient(AmqpRequestResponseLink link, TimeSpan timeout)
    {
        _link = link;
        _timeout = timeout;
    }

    public bool IsClosed => _link.IsClosed;

    public static async Task<CbsClient> OpenAsync(Connection connection, TimeSpan timeout, CancellationToken cancellationToken) =>
        new(await AmqpRequestResponseLink.OpenAsync(connection, EventHubConstants.CbsAddress, EventHubOperation.Authorize, timeout, cancellationToken).ConfigureAwait(false), timeout);

    /// <summary>Puts <paramref name="token"/> for <paramref name="audience"/>; throws a classified <see cref="EventHubException"/> when refused.</summary>
    public async Task PutTokenAsync(string audience, string token, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var request = new Message(token)
        {
            ApplicationProperties = new ApplicationProperties
            {
                ["operation"] = "put-token",
                ["type"] = EventHubConstants.SasTokenType,
                ["name"] = audience,
                ["expiration"] = expiresAt.UtcDateTime,
            },
        };
        var reply = await _link.RequestAsync(request, _timeout, cancellationToken).ConfigureAwait(false);
        var status = AmqpReplyStatus.Read(reply);
        if (!status.IsSuccess)
        {
            throw status.ToException(EventHubOperation.Authorize, $"Authorizing {audience}");
        }
    }

    public void Close() => _link.Close();
}
