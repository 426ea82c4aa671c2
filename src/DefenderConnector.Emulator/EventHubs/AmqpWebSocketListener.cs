using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>
/// AMQP over secure WebSockets, as the service serves it on 443: Kestrel over HTTPS (HTTP/1.1) on a loopback
/// port accepts <c>wss://host:port/$servicebus/websocket</c> (with or without the trailing slash .NET adds)
/// with subprotocol <c>AMQPWSB10</c> or <c>amqp</c> (what Microsoft's .NET SDK asks for), and hands each WebSocket, as a byte stream of binary messages, to the
/// same AMQP listener as the TCP port. Anything else gets the HTTP status a gateway gives: 404 for another
/// path, 400 for a plain request or another subprotocol.
/// </summary>
internal sealed class AmqpWebSocketListener : IAsyncDisposable
{
    public const string Path = "/$servicebus/websocket";
    /// <summary>The subprotocols accepted: AMQPWSB10 (AMQPNetLite, the AMQP WebSocket binding) and amqp (azure-amqp, as the .NET SDK asks, and legacy Go).</summary>
    public static readonly string[] SubProtocols = ["AMQPWSB10", "amqp"];
    readonly WebApplication app;

    AmqpWebSocketListener(WebApplication app, int port)
    {
        this.app = app;
        this.Port = port;
    }

    public int Port { get; }

    /// <summary>WebSocket upgrades accepted so far.</summary>
    public int Accepted => this.accepted;

    int accepted;

    public static async Task<AmqpWebSocketListener> StartAsync(IPAddress address, int port, X509Certificate2 certificate,
        LoopbackTransportProvider transports)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address, port, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;
            listen.UseHttps(certificate);
        }));
        var web = builder.Build();
        AmqpWebSocketListener? self = null;
        web.UseWebSockets();
        web.Run(async context =>
        {
            if (!string.Equals(context.Request.Path.Value?.TrimEnd('/'), Path, StringComparison.OrdinalIgnoreCase))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            string? protocol = context.WebSockets.WebSocketRequestedProtocols
                .FirstOrDefault(p => SubProtocols.Contains(p, StringComparer.OrdinalIgnoreCase));
            if (!context.WebSockets.IsWebSocketRequest || protocol is null)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            var socket = await context.WebSockets.AcceptWebSocketAsync(protocol).ConfigureAwait(false);
            Interlocked.Increment(ref self!.accepted);
            var stream = WebSocketStream.Create(socket, WebSocketMessageType.Binary, ownsWebSocket: true);

            // The request lives as long as the AMQP connection over it.
            var connection = await transports.AdoptAsync(stream).ConfigureAwait(false);
            await connection.ConfigureAwait(false);
        });
        await web.StartAsync().ConfigureAwait(false);
        var bound = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new AmqpWebSocketListener(web, new Uri(bound).Port);
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await this.app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Connections still open are dropped with the host.
        }

        await this.app.DisposeAsync().ConfigureAwait(false);
    }
}
