using System.Globalization;
using System.Net;
using System.Text.Json;
using DefenderConnector.Abstractions;
using DefenderConnector.Host.Health;
using DefenderConnector.Host.Outputs;

namespace DefenderConnector.Host.Telemetry;

/// <summary>
/// Reads the host's <c>telemetry</c> section (Prometheus, OTLP, health endpoints and thresholds), one problem
/// per bad setting, each naming it. The plugin accepts the section and leaves it to the host.
/// </summary>
internal static class TelemetrySettingsReader
{
    public static (TelemetryOptions? Options, IReadOnlyList<SettingsProblem> Problems) Read(ConnectorSettings settings)
    {
        var problems = new List<SettingsProblem>();
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(settings.Json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return (null, problems);
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("telemetry", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return (TelemetryOptions.Off, problems);
        }

        var section = new SettingsSection(element, "telemetry", problems);
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new SettingsProblem("telemetry", "must be an object."));
            return (null, problems);
        }

        section.RejectUnknown("prometheus", "otlp", "health");
        IPEndPoint? prometheus = null;
        if (section.Child("prometheus") is { } p)
        {
            p.RejectUnknown("listen");
            prometheus = Listen(p, required: true);
        }

        Uri? otlp = null;
        var http = false;
        var interval = TelemetryOptions.DefaultOtlpInterval;
        if (section.Child("otlp") is { } o)
        {
            o.RejectUnknown("endpoint", "protocol", "exportInterval");
            var endpoint = o.String("endpoint");
            if (endpoint is null)
            {
                o.Problem("endpoint", "is required when telemetry.otlp is set: the collector's URL, for example http://127.0.0.1:4317.");
            }
            else if (!Uri.TryCreate(endpoint, UriKind.Absolute, out otlp) || otlp.Scheme is not ("http" or "https"))
            {
                o.Problem("endpoint", $"must be an http or https URL, found '{endpoint}'.");
                otlp = null;
            }

            var protocol = o.String("protocol") ?? "grpc";
            if (protocol is not ("grpc" or "http/protobuf"))
            {
                o.Problem("protocol", $"must be grpc (default) or http/protobuf, found '{protocol}'.");
            }

            http = protocol == "http/protobuf";
            interval = o.Duration("exportInterval", TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)) ?? interval;
        }

        IPEndPoint? health = null;
        var thresholds = HealthThresholds.Default;
        if (section.Child("health") is { } h)
        {
            h.RejectUnknown("listen", "failuresBeforeDegraded", "failuresBeforeFailed", "failedAfter", "stalledAfter", "stalledFailedAfter");
            health = Listen(h, required: false);
            thresholds = new HealthThresholds(
                h.Integer("failuresBeforeDegraded", 1, 1000) ?? thresholds.FailuresBeforeDegraded,
                h.Integer("failuresBeforeFailed", 1, 1000) ?? thresholds.FailuresBeforeFailed,
                h.Duration("failedAfter", TimeSpan.Zero, TimeSpan.FromDays(7)) ?? thresholds.FailedAfter,
                h.Duration("stalledAfter", TimeSpan.FromSeconds(1), TimeSpan.FromDays(7)) ?? thresholds.StalledAfter,
                h.Duration("stalledFailedAfter", TimeSpan.FromSeconds(1), TimeSpan.FromDays(7)) ?? thresholds.StalledFailedAfter);
            if (thresholds.FailuresBeforeFailed < thresholds.FailuresBeforeDegraded)
            {
                h.Problem("failuresBeforeFailed", $"must be at least telemetry.health.failuresBeforeDegraded ({thresholds.FailuresBeforeDegraded}).");
            }

            if (thresholds.StalledFailedAfter < thresholds.StalledAfter)
            {
                h.Problem("stalledFailedAfter", $"must be at least telemetry.health.stalledAfter ({thresholds.StalledAfter:c}).");
            }
        }

        return problems.Count > 0 ? (null, problems) : (new TelemetryOptions(prometheus, otlp, http, interval, health, thresholds), problems);
    }

    /// <summary><c>listen</c>: <c>address:port</c> (an IP address, <c>[::1]:port</c> for IPv6); 127.0.0.1 keeps it on this machine.</summary>
    private static IPEndPoint? Listen(SettingsSection section, bool required)
    {
        var text = section.String("listen");
        if (text is null)
        {
            if (required)
            {
                section.Problem("listen", "is required: address:port to listen on, for example 127.0.0.1:9464.");
            }

            return null;
        }

        if (!IPEndPoint.TryParse(text, out var endpoint) || endpoint.Port is < 1 or > 65535 || !text.Contains(':', StringComparison.Ordinal) || text.EndsWith(']'))
        {
            section.Problem("listen", string.Create(CultureInfo.InvariantCulture, $"must be address:port with a port from 1 to 65535 (for example 127.0.0.1:9464, [::1]:9464 or 0.0.0.0:9464), found '{text}'."));
            return null;
        }

        return endpoint;
    }
}
