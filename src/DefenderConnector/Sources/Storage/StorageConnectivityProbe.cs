using System.Globalization;
using Azure.Storage.Blobs;
using DefenderConnector.Abstractions;
using DefenderConnector.Pulling;

namespace DefenderConnector.Sources.Storage;

/// <summary>
/// <c>test-connectivity</c> for the Storage export: signs in and lists the export containers (authentication,
/// authorization), then lists the newest blob of each (events). Reads no blob content and moves no checkpoint.
/// </summary>
internal sealed class StorageConnectivityProbe(StorageSourceOptions options, BlobServiceClient client, string source)
{
    public async Task<ConnectivityReport> RunAsync(CancellationToken cancellationToken)
    {
        var hops = new List<ConnectivityHop>();
        var facts = new List<KeyValuePair<string, string>> { new("account", options.AccountName), new("sign-in", options.Identity) };
        List<string> containers;
        try
        {
            containers = [];
            await foreach (var item in client.GetBlobContainersAsync(prefix: options.ContainerPrefix, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                containers.Add(item.Name);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var failure = StorageFailureClassifier.Classify(e, "list containers");
            hops.Add(new ConnectivityHop("authentication", HopVerdict.Failed, failure.Message));
            hops.Add(new ConnectivityHop("events", HopVerdict.Skipped, "not tried"));
            return new ConnectivityReport(source, failure.Code, failure.Message, hops, facts);
        }

        hops.Add(new ConnectivityHop("authentication", HopVerdict.Passed, $"listed the containers named {options.ContainerPrefix}*: {containers.Count.ToString(CultureInfo.InvariantCulture)}"));
        var wanted = containers.Where(c => options.Tables.Passes(c[options.ContainerPrefix.Length..])).ToList();
        facts.Add(new("containers", wanted.Count == 0 ? "none" : string.Join(", ", wanted)));
        if (wanted.Count == 0)
        {
            const string none = "Signed in, but no export container exists yet: Defender creates one per table when it first writes (Streaming API to Azure Storage).";
            hops.Add(new ConnectivityHop("events", HopVerdict.Warning, none));
            return new ConnectivityReport(source, "ConnectedNoEvents", none, hops, facts);
        }

        try
        {
            var blobs = 0;
            foreach (var name in wanted)
            {
                await foreach (var blob in client.GetBlobContainerClient(name).GetBlobsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    blobs++;
                    facts.Add(new(name, $"{blob.Name}: {blob.Properties.ContentLength ?? 0} bytes, last appended {blob.Properties.LastModified:u}"));
                    break;
                }
            }

            hops.Add(new ConnectivityHop("events", blobs == 0 ? HopVerdict.Warning : HopVerdict.Passed, $"{blobs} of {wanted.Count} containers hold blobs"));
            return new ConnectivityReport(source, blobs == 0 ? "ConnectedNoEvents" : "Connected", $"Connected to account {options.AccountName}: {wanted.Count} export containers.", hops, facts);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var failure = StorageFailureClassifier.Classify(e, "list blobs");
            hops.Add(new ConnectivityHop("authorization", HopVerdict.Failed, failure.Message));
            return new ConnectivityReport(source, failure.Code, failure.Message, hops, facts);
        }
    }
}
