using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DefenderConnector.Host.Health;

/// <summary>
/// Plain HTTP on <c>telemetry.health.listen</c> (loopback by default in the examples): <c>/health/live</c>
/// (200 while the scheduler runs and no pull is stuck, else 503), <c>/health/ready</c> (200 unless something
/// failed), <c>/health</c> (the JSON report per source and partition; 503 when failed).
/// </summary>
internal sealed class HealthEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HealthEndpoint(WebApplication app) => _app = app;

    /// <summary>The address it listens on (the port resolved when 0 was asked for).</summary>
    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    public static async Task<HealthEndpoint> StartAsync(IPEndPoint listen, HealthMonitor monitor, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(listen));
        var app = builder.Build();
        app.MapGet("/health/live", () => Status(monitor.Report().Live));
        app.MapGet("/health/ready", () => Status(monitor.Report().Ready));
        app.MapGet("/health", () =>
        {
            var report = monitor.Report();
            return Results.Text(Json(report), "application/json", statusCode: report.State == HealthState.Failed ? 503 : 200);
        });
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var endpoint = new HealthEndpoint(app);
        endpoint.Address = new Uri(app.Urls.First().Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "[::1]", StringComparison.Ordinal) + "/");
        return endpoint;
    }

    public static string Json(HealthReport report) => JsonSerializer.Serialize(new
    {
        state = report.State.ToString().ToLowerInvariant(),
        live = report.Live,
        ready = report.Ready,
        components = report.Components.Select(c => new { source = c.Source, partition = c.Partition, state = c.State.ToString().ToLowerInvariant(), reason = c.Reason }),
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static IResult Status(bool ok) => Results.Text(ok ? "ok\n" : "unavailable\n", "text/plain", statusCode: ok ? 200 : 503);
}
