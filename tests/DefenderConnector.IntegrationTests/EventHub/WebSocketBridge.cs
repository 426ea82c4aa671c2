using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace DefenderConnector.IntegrationTests.EventHub;

/// <summary>
/// The Event Hubs WebSocket endpoint in front of the emulator: Kestrel over HTTPS on a free loopback
/// port accepts <c>wss://…/$servicebus/websocket</c> with subprotocol <c>amqp</c> or <c>AMQPWSB10</c> and relays the
/// AMQP bytes to the emulator's TCP port, as the service's gateway does.
/// </summary>
internal sealed class WebSocketBridge : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebSocketBridge(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public int Accepted { get; private set; }

    public static async Task<WebSocketBridge> StartAsync(X509Certificate2 certificate, int emulatorPort)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l =>
        {
            l.Protocols = HttpProtocols.Http1;
            l.UseHttps(certificate);
        }));
        var app = builder.Build();
        WebSocketBridge? bridge = null;
        app.UseWebSockets();
        app.Map("/$servicebus/websocket", async context =>
        {
            // The service takes the AMQP WebSocket binding's "amqp" (what Microsoft's .NET AMQP stack sends)
            // and the older "AMQPWSB10".
            var protocol = context.WebSockets.WebSocketRequestedProtocols.FirstOrDefault(p => p is "amqp" or "AMQPWSB10");
            if (!context.WebSockets.IsWebSocketRequest || protocol is null)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            bridge!.Accepted++;
            using var socket = await context.WebSockets.AcceptWebSocketAsync(protocol);
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Loopback, emulatorPort);
            var stream = tcp.GetStream();
            var up = RelayUpAsync(socket, stream);
            var down = RelayDownAsync(stream, socket);
            await Task.WhenAny(up, down);
        });
        await app.StartAsync();
        var address = app.Urls.Select(u => new Uri(u)).First();
        bridge = new WebSocketBridge(app, address.Port);
        return bridge;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task RelayUpAsync(WebSocket socket, NetworkStream stream)
    {
        var buffer = new byte[64 * 1024];
        while (socket.State == WebSocketState.Open)
        {
            var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            await stream.WriteAsync(buffer.AsMemory(0, result.Count));
        }
    }

    private static async Task RelayDownAsync(NetworkStream stream, WebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            await socket.SendAsync(buffer.AsMemory(0, read), WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);
        }
    }
}
