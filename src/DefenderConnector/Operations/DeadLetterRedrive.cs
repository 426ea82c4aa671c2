using System.Text;
using DefenderConnector.Abstractions;
using DefenderConnector.Checkpoints;
using DefenderConnector.Configuration;
using DefenderConnector.Encoders;
using DefenderConnector.Mapping;
using DefenderConnector.Pulling;
using DefenderConnector.Sources.EventHub;

namespace DefenderConnector.Operations;

/// <summary>
/// Maps stored Event Hub dead letters again (after a fix to the mapper, or to data the decoder now accepts) on the
/// pull engine's own batcher, so each event gets the id it would have had in the pull, delivers them through the
/// host's sink, and marks each delivered dead letter done only after the sink confirmed it. A dead letter that
/// still fails anywhere is left open and delivers nothing (no partial message).
/// </summary>
internal sealed class DeadLetterRedrive
{
    private readonly ConnectorOptions _options;
    private readonly ConnectorContext _context;
    private readonly IStateStore _state;
    private readonly OcsfMapper _mapper = new();
    private readonly IEventEncoder _encoder;

    public DeadLetterRedrive(ConnectorOptions options, ConnectorContext context, IStateStore state)
    {
        _options = options;
        _context = context;
        _state = state;
        _encoder = EventEncoders.For(options.OutputFormat, options.EcsOriginal);
    }

    public async Task<RedriveSummary> RunAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        var stored = (await _state.ReadStoredDeadLettersAsync(includeDone: true, cancellationToken).ConfigureAwait(false)).ToDictionary(l => l.Id);
        var delivered = 0;
        long events = 0;
        var failing = new List<KeyValuePair<long, string>>();
        var skipped = new List<KeyValuePair<long, string>>();
        foreach (var id in ids)
        {
            if (!stored.TryGetValue(id, out var entry))
            {
                skipped.Add(new(id, "no dead letter has this id"));
                continue;
            }

            if (entry.DoneAt is { } done)
            {
                skipped.Add(new(id, $"already delivered by a re-drive at {done:u}"));
                continue;
            }

            if (Skip(entry.Letter) is { } why)
            {
                skipped.Add(new(id, why));
                continue;
            }

            var (batcher, problem) = Map(entry.Letter);
            if (problem is not null)
            {
                failing.Add(new(id, problem));
                continue;
            }

            // A shared store lets one re-drive deliver it: the claim is conditional on the letter as listed.
            if (!await _state.TryClaimDeadLetterAsync(id, _context.TimeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false))
            {
                skipped.Add(new(id, "another instance is re-driving it, or delivered it since it was listed"));
                continue;
            }

            var count = batcher.EventCount;
            await batcher.FlushAsync(null, cancellationToken).ConfigureAwait(false);
            await _state.MarkDeadLetterDoneAsync(id, _context.TimeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            delivered++;
            events += count;
        }

        return new RedriveSummary(delivered, events, failing, skipped);
    }

    private string? Skip(DeadLetter letter)
    {
        var (hub, _) = HubOf(letter.Source);
        if (hub is null)
        {
            return $"re-drive covers Event Hub dead letters; this one is from {letter.Source}";
        }

        return letter.Stream == hub.StreamKey
            ? null
            : $"it came from {letter.Stream}, not from the hub the settings name";
    }

    /// <summary>The hub a letter's source reads (<c>eventhub</c>, or a tenant's <c>&lt;tenant&gt;/eventhub</c>), and the tenant its events carry.</summary>
    private (EventHubSourceOptions? Hub, TenantStamp? Tenant) HubOf(string source)
    {
        if (source == EventHubConstants.SourceName)
        {
            return (_options.EventHub, null);
        }

        var tenant = _options.Tenants.FirstOrDefault(t => t.EventHub is not null && source == Tenants.TenantConstants.SourceName(t.Name, EventHubConstants.SourceName));
        return tenant is null ? (null, null) : (tenant.EventHub, tenant.Stamp());
    }

    /// <summary>Maps the letter as the pull would have: a whole body as that message, one record at its own index.</summary>
    private (EventBatcher Batcher, string? Problem) Map(DeadLetter letter)
    {
        var (found, tenant) = HubOf(letter.Source);
        var hub = found!;
        var sequence = letter.SequenceNumber ?? 0;
        var pipeline = new EventPipeline(letter.Source, _context.Sink, _state, _mapper, _encoder, new PullStatistics(), _context.TimeProvider, _context.Metrics, _options.MaxBatchEvents)
        {
            Tenant = tenant,
            MessageRecordOrigin = letter.RecordIndex is { } index
                ? (message, _) => new RecordOrigin(RecordKind.StreamingRecord, EventUid.ForEventHubRecord(hub.FullyQualifiedNamespace, hub.HubName, letter.Partition, sequence, index), message.EnqueuedTime)
                : null,
        };
        var batcher = pipeline.CreateBatcher(letter.Stream, hub.FullyQualifiedNamespace, hub.HubName, letter.Partition);
        var body = letter.RecordIndex is null
            ? letter.Raw
            : (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes("{\"records\":[" + Encoding.UTF8.GetString(letter.Raw.Span) + "]}");
        batcher.AddMessage(new SourceMessage(body, letter.Partition, sequence, letter.Offset ?? string.Empty, letter.At));
        if (batcher.PendingDeadLetters is [var first, ..])
        {
            return (batcher, $"{first.Reason}: {first.Detail}");
        }

        return batcher.EventCount == 0 ? (batcher, "it holds no record") : (batcher, null);
    }
}
