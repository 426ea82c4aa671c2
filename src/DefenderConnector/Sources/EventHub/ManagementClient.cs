using Amqp;
using Amqp.Framing;
using Amqp.Types;

namespace DefenderConnector.Sources.EventHub;

/// <summary>
/// Reads hub and partition properties from <c>$management</c>. Each request carries a SAS token in
/// <c>security_token</c>, as every Azure SDK sends it.
/// </summary>
internal sealed class ManagementClient
{
    private readonly AmqpRequestResponseLink _link;
    private readonly TimeSpan _timeout;

    private ManagementClient(AmqpRequestResponseLink link, TimeSpan timeout)
    {
        _link = link;
        _timeout = timeout;
    }

    public bool IsClosed => _link.IsClosed;

    public static async Task<ManagementClient> OpenAsync(Connection connection, TimeSpan timeout, CancellationToken cancellationToken) =>
        new(await AmqpRequestResponseLink.OpenAsync(connection, EventHubConstants.ManagementAddress, EventHubOperation.Management, timeout, cancellationToken).ConfigureAwait(false), timeout);

    public async Task<EventHubProperties> ReadHubAsync(string hub, string token, CancellationToken cancellationToken)
    {
        var body = await ReadAsync("com.microsoft:eventhub", hub, null, token, $"Reading the properties of event hub '{hub}'", cancellationToken).ConfigureAwait(false);
        return ManagementReplyParser.Hub(body, hub);
    }

    public async Task<PartitionProperties> ReadPartitionAsync(string hub, string partitionId, string token, CancellationToken cancellationToken)
    {
        var body = await ReadAsync("com.microsoft:partition", hub, partitionId, token, $"Reading the properties of partition {partitionId} of event hub '{hub}'", cancellationToken).ConfigureAwait(false);
        return ManagementReplyParser.Partition(body, hub, partitionId);
    }

    public void Close() => _link.Close();

    private async Task<Map> ReadAsync(string type, string hub, string? partitionId, string token, string what, CancellationToken cancellationToken)
    {
        var properties = new ApplicationProperties
        {
            ["operation"] = "READ",
            ["type"] = type,
            ["name"] = hub,
            ["security_token"] = token,
        };
        if (partitionId is not null)
        {
            properties["partition"] = partitionId;
        }

        var reply = await _link.RequestAsync(new Message { ApplicationProperties = properties }, _timeout, cancellationToken).ConfigureAwait(false);
        var status = AmqpReplyStatus.Read(reply);
        if (!status.IsSuccess)
        {
            throw status.ToException(EventHubOperation.Management, what);
        }

        return reply.Body as Map
            ?? throw new EventHubException(EventHubFailureReason.Unknown, false, $"{what} failed: the reply body is not a map.");
    }
}
