using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DefenderConnector.Emulator.Http;

/// <summary>
/// HTTPS stand-ins for the Entra token endpoint, Graph Security v1.0 and the three legacy Defender
/// APIs, on Kestrel at 127.0.0.1 with a port chosen by the OS and a certificate generated per start.
/// See README.md in this folder for the routes and the test API.
/// </summary>
public sealed class DefenderApiEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private readonly bool _ownsCertificate;

    private DefenderApiEmulator(WebApplication app, X509Certificate2 certificate, Uri baseUri, bool ownsCertificate, SiemStandIns siem, EntraDirectory directory)
    {
        _app = app;
        Certificate = certificate;
        BaseUri = baseUri;
        _ownsCertificate = ownsCertificate;
        Siem = siem;
        Directory = directory;
    }

    /// <summary>The listening root, for example <c>https://127.0.0.1:54321</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>The generated TLS certificate (public part exported by <see cref="CertificatePem"/>).</summary>
    public X509Certificate2 Certificate { get; }

    public string CertificatePem => EmulatorCertificate.ToPem(Certificate);

    /// <summary>The value for <c>graph.authorityHost</c>.</summary>
    public string AuthorityHost => BaseUri.GetLeftPart(UriPartial.Authority);

    /// <summary>The value for <c>graph.graphBaseUrl</c>.</summary>
    public string GraphBaseUrl => $"{AuthorityHost}/v1.0";

    public string M365dBaseUrl => $"{AuthorityHost}/m365d";

    public string MdeBaseUrl => $"{AuthorityHost}/mde";

    public string SiemBaseUrl => $"{AuthorityHost}/siem";

    public EntraDirectory Directory { get; }

    /// <summary>The SIEM receivers' stand-ins (HEC, <c>_bulk</c>, Logs Ingestion; base URL <see cref="AuthorityHost"/>) and what they received.</summary>
    public SiemStandIns Siem { get; }

    public SecurityDataStore Data { get; } = new();

    public FaultScript Faults { get; } = new();

    public RequestJournal Requests { get; } = new();

    /// <summary>Graph's paging limits; <see cref="GraphPaging.OmitNextLinks"/> can be switched on.</summary>
    public GraphPaging Paging { get; } = new();

    /// <summary>The stand-in's clock for token and secret expiry; tests may replace it.</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    public static Task<DefenderApiEmulator> StartAsync(CancellationToken cancellationToken = default) => StartAsync(null, cancellationToken);

    /// <summary>Starts with <paramref name="certificate"/> (with its private key) instead of a self-signed one, e.g. one issued by a test CA.</summary>
    public static Task<DefenderApiEmulator> StartAsync(X509Certificate2? certificate, CancellationToken cancellationToken = default) =>
        StartAsync(certificate, 0, null, null, cancellationToken);

    /// <summary>
    /// Starts on <paramref name="port"/> (0: any) with the given SIEM stand-ins and directory, so a test can stop
    /// the emulator and start it again where it was, with what the receivers held (a receiver restart).
    /// A certificate passed in stays the caller's (not disposed with the emulator).
    /// </summary>
    public static async Task<DefenderApiEmulator> StartAsync(X509Certificate2? certificate, int port, SiemStandIns? siem, EntraDirectory? directory, CancellationToken cancellationToken = default)
    {
        var owns = certificate is null;
        certificate ??= EmulatorCertificate.Create();
        siem ??= new SiemStandIns();
        directory ??= new EntraDirectory();
        siem.Hec.ForgetAcknowledgements();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = null;
            k.Listen(IPAddress.Loopback, port, l => l.UseHttps(certificate));
        });
        var app = builder.Build();
        DefenderApiEmulator? self = null;
        app.MapPost("/{tenant}/oauth2/v2.0/token", async (string tenant, HttpContext context) => await self!.TokenAsync(tenant, context).ConfigureAwait(false));
        Map(app, "/v1.0/security/incidents", EmulatedRoute.GraphIncidents, () => self!);
        Map(app, "/v1.0/security/alerts_v2", EmulatedRoute.GraphAlerts, () => self!);
        Map(app, "/m365d/api/incidents", EmulatedRoute.M365dIncidents, () => self!);
        Map(app, "/mde/api/alerts", EmulatedRoute.MdeAlerts, () => self!);
        Map(app, "/siem/api/alerts", EmulatedRoute.SiemAlerts, () => self!);
        app.MapPost("/services/collector/event", context => self!.Siem.Hec.EventAsync(context, self.Faults, self.Requests));
        app.MapPost("/services/collector/event/1.0", context => self!.Siem.Hec.EventAsync(context, self.Faults, self.Requests));
        app.MapPost("/services/collector/ack", context => self!.Siem.Hec.AckAsync(context, self.Requests));
        app.MapGet("/services/collector/health", context => self!.Siem.Hec.HealthAsync(context));
        app.MapPost("/_bulk", context => self!.Siem.Bulk.BulkAsync(context, null, self.Faults, self.Requests));
        app.MapPost("/{target}/_bulk", (string target, HttpContext context) => self!.Siem.Bulk.BulkAsync(context, target, self.Faults, self.Requests));
        app.MapPost("/dataCollectionRules/{rule}/streams/{stream}", (string rule, string stream, HttpContext context) =>
            self!.Siem.LogsIngestion.IngestAsync(context, rule, stream, self.Directory, self.Clock, self.Faults, self.Requests));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var bound = new Uri(address).Port;
        self = new DefenderApiEmulator(app, certificate, new Uri($"https://127.0.0.1:{bound}"), owns, siem, directory);
        return self;
    }

    /// <summary>Writes the certificate's PEM to <paramref name="path"/> (for <c>graph.trustedCertificate</c>).</summary>
    public void WriteCertificatePem(string path) => File.WriteAllText(path, CertificatePem);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        if (_ownsCertificate)
        {
            Certificate.Dispose();
        }
    }

    private static void Map(WebApplication app, string path, EmulatedRoute route, Func<DefenderApiEmulator> self) =>
        app.MapGet(path, async context =>
        {
            var emulator = self();
            var routes = new ApiRoutes(emulator.Directory, emulator.Data, emulator.Faults, emulator.Requests, emulator.Paging, emulator.Clock, () => emulator.AuthorityHost);
            var (status, body, retryAfter) = routes.Handle(route, context.Request);
            await WriteAsync(context, status, body, retryAfter).ConfigureAwait(false);
        });

    private async Task TokenAsync(string tenant, HttpContext context)
    {
        if (Faults.Take(EmulatedRoute.Token, string.Empty) is { } fault)
        {
            Requests.Add(new JournalEntry(EmulatedRoute.Token, tenant, fault.Status));
            var (status, body) = AadError.Create(fault.Status, fault.Status == 429 ? "temporarily_unavailable" : "server_error", fault.Status == 429 ? 50196 : 90033, "Scripted failure.", AuthorityHost, Clock());
            await WriteAsync(context, status, body, fault.RetryAfterSeconds).ConfigureAwait(false);
            return;
        }

        var endpoint = new TokenEndpoint(Directory, Clock, () => AuthorityHost);
        var (code, json) = await endpoint.HandleAsync(tenant, context.Request).ConfigureAwait(false);
        Requests.Add(new JournalEntry(EmulatedRoute.Token, tenant, code));
        await WriteAsync(context, code, json, null).ConfigureAwait(false);
    }

    private static async Task WriteAsync(HttpContext context, int status, string body, int? retryAfter)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["request-id"] = Guid.NewGuid().ToString();
        if (retryAfter is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await context.Response.WriteAsync(body).ConfigureAwait(false);
    }
}
