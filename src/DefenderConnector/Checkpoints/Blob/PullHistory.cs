using System.Text.Json;
using Azure.Storage.Blobs;
using DefenderConnector.Abstractions;

namespace DefenderConnector.Checkpoints.Blob;

/// <summary>
/// Every pull's summary kept in the shared container (<c>defender-connector/pulls/&lt;source&gt;/…-&lt;owner id&gt;.json</c>),
/// so what each instance did is visible in one place whatever machine it ran on. Best effort: a
/// history that cannot be written never fails the pull (it is logged).
/// </summary>
internal sealed class PullHistory(BlobContainerClient container, string ownerId)
{
    public async Task RecordAsync(PullSummary summary, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("source", summary.Source);
            writer.WriteString("ownerId", ownerId);
            writer.WriteString("startedAt", summary.StartedAt);
            writer.WriteNumber("elapsedMs", (long)summary.Elapsed.TotalMilliseconds);
            writer.WriteString("stopReason", summary.StopReason);
            writer.WriteNumber("messagesRead", summary.MessagesRead);
            writer.WriteNumber("eventsDelivered", summary.EventsDelivered);
            writer.WriteNumber("deadLettered", summary.DeadLettered);
            if (summary.Error is { } error)
            {
                writer.WriteString("error", error);
            }

            writer.WriteStartObject("facts");
            foreach (var (key, value) in summary.Facts)
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        await container.GetBlobClient(BlobNames.PullHistory(summary.Source, summary.StartedAt, ownerId))
            .UploadAsync(new BinaryData(buffer.ToArray()), overwrite: true, cancellationToken).ConfigureAwait(false);
    }
}
