using System.Net;

namespace DefenderConnector.Host.Telemetry;

/// <summary>The <c>telemetry</c> section, validated: every endpoint is off unless configured.</summary>
/// <param name="Prometheus">Where the Prometheus scrape endpoint listens (<c>telemetry.prometheus.listen</c>), or null.</param>
/// <param name="OtlpEndpoint">The OTLP collector (<c>telemetry.otlp.endpoint</c>), or null.</param>
/// <param name="OtlpHttp">True for OTLP over HTTP/protobuf, false for gRPC (<c>telemetry.otlp.protocol</c>).</param>
/// <param name="OtlpInterval">How often metrics are pushed over OTLP.</param>
/// <param name="Health">Where the liveness and readiness endpoints listen (<c>telemetry.health.listen</c>), or null.</param>
/// <param name="Thresholds">When a source or partition is degraded or failed.</param>
internal sealed record TelemetryOptions(
    IPEndPoint? Prometheus,
    Uri? OtlpEndpoint,
    bool OtlpHttp,
    TimeSpan OtlpInterval,
    IPEndPoint? Health,
    Health.HealthThresholds Thresholds)
{
    public static readonly TimeSpan DefaultOtlpInterval = TimeSpan.FromSeconds(60);

    public static TelemetryOptions Off { get; } = new(null, null, false, DefaultOtlpInterval, null, Host.Health.HealthThresholds.Default);
}
