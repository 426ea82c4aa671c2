using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace DefenderConnector.Host.Telemetry;

/// <summary>
/// Exports <see cref="HostMetrics"/> through OpenTelemetry: a Prometheus scrape endpoint on
/// <c>telemetry.prometheus.listen</c> (<c>/metrics</c>) and a periodic OTLP push to <c>telemetry.otlp.endpoint</c>,
/// each only when configured. Null when neither is.
/// </summary>
internal static class TelemetryExport
{
    public static MeterProvider? Start(TelemetryOptions options)
    {
        if (options.Prometheus is null && options.OtlpEndpoint is null)
        {
            return null;
        }

        var builder = Sdk.CreateMeterProviderBuilder().AddMeter(HostMetrics.MeterName);
        if (options.Prometheus is { } listen)
        {
            builder.AddPrometheusHttpListener(o =>
            {
                // HttpListener wants an IPv6 literal in brackets.
                o.Host = listen.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{listen.Address}]" : listen.Address.ToString();
                o.Port = listen.Port;
                o.ScrapeEndpointPath = "/metrics";

                // Each scrape sees the values of that moment (a scrape every few seconds costs little).
                o.ScrapeResponseCacheDurationMilliseconds = 0;
            });
        }

        if (options.OtlpEndpoint is { } endpoint)
        {
            builder.AddOtlpExporter((exporter, reader) =>
            {
                exporter.Endpoint = endpoint;
                exporter.Protocol = options.OtlpHttp ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)options.OtlpInterval.TotalMilliseconds;
            });
        }

        return builder.Build();
    }
}
