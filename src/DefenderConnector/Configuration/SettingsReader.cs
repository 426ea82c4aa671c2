using System.Text.Json;
using DefenderConnector.Abstractions;
using DefenderConnector.Sources.EventHub;
using DefenderConnector.Sources.Graph;

namespace DefenderConnector.Configuration;

/// <summary>
/// Reads the whole settings document into <see cref="ConnectorOptions"/>, collecting every problem.
/// Sections: <c>eventHub</c>, <c>graph</c>, <c>output</c>, <c>state</c>, <c>checkpointStore</c>.
/// </summary>
internal static class SettingsReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static (ConnectorOptions? Options, SettingsValidation Validation) Read(ConnectorSettings settings)
    {
        var problems = new SettingsProblems();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(settings.Json, DocumentOptions);
        }
        catch (JsonException e)
        {
            problems.Add("(settings file)", $"is not valid JSON: {e.Message}");
            return (null, problems.ToValidation());
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                problems.Add("(settings file)", "must be a JSON object with eventHub, graph, output and state sections.");
                return (null, problems.ToValidation());
            }

            var root = new SettingsNode(document.RootElement, string.Empty, problems);
            root.RejectUnknown("$schema", "eventHub", "eventHubs", "graph", "storage", "tenants", "output", "state", "telemetry", "checkpointStore");

            EventHubSourceOptions? eventHub = null;
            var eventHubNode = root.Child("eventHub");
            if (eventHubNode.Exists && eventHubNode.Bool("enabled") != false)
            {
                eventHub = EventHubSettingsReader.Read(eventHubNode, settings.BaseDirectory, settings.Environment, problems);
            }

            GraphSourceOptions? graph = null;
            var graphNode = root.Child("graph");
            if (graphNode.Exists && graphNode.Bool("enabled") != false)
            {
                graph = GraphSettingsReader.Read(graphNode, settings.BaseDirectory, settings.Environment, problems);
            }

            Sources.Storage.StorageSourceOptions? storage = null;
            var storageNode = root.Child("storage");
            if (storageNode.Exists && storageNode.Bool("enabled") != false)
            {
                storage = Sources.Storage.StorageSettingsReader.Read(storageNode, settings.BaseDirectory, settings.Environment, problems);
            }

            var eventHubs = Sources.EventHub.EventHubListReader.Read(document.RootElement, settings.BaseDirectory, settings.Environment, problems);
            var tenants = Tenants.TenantSettingsReader.Read(document.RootElement, settings.BaseDirectory, settings.Environment, problems);
            if (tenants is not null && Tenants.TenantConstants.SourceSections.FirstOrDefault(root.Has) is { } mixed)
            {
                problems.Add(mixed, "cannot stand beside tenants: with tenants, every source belongs to one; move this section into its tenant's entry.");
            }

            if (!eventHubNode.Exists && !graphNode.Exists && !storageNode.Exists && eventHubs is null && tenants is null)
            {
                problems.Add("eventHub", "no source is configured: give an eventHub section (and/or a graph or storage section).");
            }

            var output = root.Child("output");
            // type, deadLetterPath, pageCacheMb and the network outputs (syslog, relp, hec, elasticsearch, sentinel) belong to the host's outputs, which validate them.
            output.RejectUnknown("format", "path", "maxBatchEvents", "ecsOriginal", "type", "deadLetterPath", "pageCacheMb", "syslog", "relp", "hec", "elasticsearch", "sentinel");
            var format = OutputFormat.Ocsf;
            var formatText = output.String("format");
            if (formatText is not null && (!Enum.TryParse(formatText, ignoreCase: true, out format) || !Enum.IsDefined(format) || !char.IsLetter(formatText.Trim().FirstOrDefault())))
            {
                problems.Add(output.Name("format"), $"must be ocsf (default), cef or ecs, found '{formatText}'.");
            }

            var outputPath = output.String("path");
            var maxBatch = (int?)output.Integer("maxBatchEvents", 1, 1_000_000) ?? ConnectorOptions.DefaultMaxBatchEvents;
            var ecsOriginal = output.Bool("ecsOriginal") ?? true;

            var checkpointStore = Checkpoints.CheckpointStoreSettingsReader.Read(root.Child("checkpointStore"), settings.BaseDirectory, settings.Environment, problems);

            var state = root.Child("state");
            state.RejectUnknown("path", "onMissing");
            var onMissing = state.String("onMissing") ?? "fail";
            if (onMissing is not ("fail" or "restart"))
            {
                problems.Add(state.Name("onMissing"), $"must be fail (default: refuse to start when the database was lost) or restart (start again from eventHub.initialPosition), found '{onMissing}'.");
            }

            var statePath = SettingsPaths.Resolve(state.String("path") ?? "state/defender-connector.db", settings.BaseDirectory, state.Name("path"), problems) ?? string.Empty;
            var stateDir = Path.GetDirectoryName(statePath);
            if (stateDir is not null && File.Exists(stateDir))
            {
                problems.Add(state.Name("path"), $"'{stateDir}' is a file, so the state database cannot be created under it.");
            }
            else if (statePath.Length > 0 && Directory.Exists(statePath))
            {
                problems.Add(state.Name("path"), $"'{statePath}' is a folder; give the path of the database file in it, for example {Path.Combine(statePath, "defender-connector.db")}.");
            }

            var outputFull = outputPath is null ? null : SettingsPaths.Resolve(outputPath, settings.BaseDirectory, output.Name("path"), problems);
            if (outputFull is not null && Directory.Exists(outputFull))
            {
                problems.Add(output.Name("path"), $"'{outputFull}' is a folder; give the path of the events file.");
            }

            if (problems.Any)
            {
                return (null, problems.ToValidation());
            }

            return (new ConnectorOptions
            {
                EventHub = eventHub,
                Graph = graph,
                Storage = storage,
                EventHubs = eventHubs ?? [],
                Tenants = tenants ?? [],
                OutputFormat = format,
                OutputPath = outputFull,
                StatePath = statePath,
                RestartWhenStateMissing = onMissing == "restart",
                CheckpointStore = checkpointStore,
                MaxBatchEvents = maxBatch,
                EcsOriginal = ecsOriginal,
            }, problems.ToValidation());
        }
    }
}
