using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using DefenderConnector.Host.Outputs.Network;

namespace DefenderConnector.Host.Outputs.Http;

/// <summary>
/// One pooled HTTP client per output: TLS 1.2/1.3 with the same certificate checks as the syslog output (pinned
/// CAs, the URL's host name), connection and request time-outs, optional gzip. Transport failures come out as
/// <see cref="OutputDeliveryException"/>: refused or unreachable is transient; an untrusted certificate is not.
/// </summary>
internal sealed class HttpOutputClient : IDisposable
{
    private readonly HttpClient _client;
    private readonly CertificateCheck _check;
    private readonly HttpEndpointOptions _options;
    private readonly string _output;

    public HttpOutputClient(string output, HttpEndpointOptions options)
    {
        _output = output;
        _options = options;
        _check = new CertificateCheck(options.TlsFor(options.Url));
        Handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = true,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = _check.Validate,
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            },
        };
        _client = new HttpClient(Handler, disposeHandler: false) { Timeout = options.RequestTimeout };
    }

    /// <summary>The handler, shared with Azure.Identity so Entra is reached with the same trust settings.</summary>
    public SocketsHttpHandler Handler { get; }

    /// <summary>Content for a request body, gzipped when configured.</summary>
    public HttpContent Content(ReadOnlyMemory<byte> body, string mediaType)
    {
        HttpContent content;
        if (_options.Gzip)
        {
            var compressed = new MemoryStream(body.Length / 4 + 64);
            using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(body.Span);
            }

            content = new ByteArrayContent(compressed.GetBuffer(), 0, (int)compressed.Length);
            content.Headers.ContentEncoding.Add("gzip");
        }
        else
        {
            content = new ReadOnlyMemoryContent(body);
        }

        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = mediaType.Contains("json", StringComparison.Ordinal) ? null : "utf-8" };
        return content;
    }

    public async Task<HttpAnswer> SendAsync(HttpRequestMessage request, TimeProvider time, CancellationToken cancellationToken)
    {
        var destination = HttpEndpointOptions.Describe(request.RequestUri!);
        try
        {
            using var response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return new HttpAnswer((int)response.StatusCode, body, RetryAfter(response, time));
        }
        catch (HttpRequestException e)
        {
            throw Classify(e, request.RequestUri!, destination);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new OutputDeliveryException($"{_output} output {destination}: no answer within {_options.RequestTimeout.TotalSeconds:0} s (requestTimeout).", true, e);
        }
        finally
        {
            request.Dispose();
        }
    }

    private OutputDeliveryException Classify(HttpRequestException e, Uri url, string destination)
    {
        if (e.HttpRequestError == HttpRequestError.SecureConnectionError || e.InnerException is AuthenticationException)
        {
            if (_check.Problem is { } problem)
            {
                return new($"{_output} output {destination}: TLS refused: {problem}.", false, e, "tls");
            }

            return new($"{_output} output {destination}: the TLS handshake failed ({e.GetBaseException().Message}); is the port speaking TLS?", false, e, "tls");
        }

        if (e.GetBaseException() is SocketException socket)
        {
            return socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => new($"{_output} output {destination}: connection refused (is the receiver running and listening on port {url.Port}?).", true, e, "tcp"),
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => new($"{_output} output {destination}: the name {url.Host} does not resolve (DNS).", true, e, "tcp"),
                _ => new($"{_output} output {destination}: cannot connect ({socket.SocketErrorCode}).", true, e, "tcp"),
            };
        }

        if (e.HttpRequestError == HttpRequestError.ConnectionError || e.GetBaseException() is TimeoutException or OperationCanceledException)
        {
            return new($"{_output} output {destination}: no connection within {_options.ConnectTimeout.TotalSeconds:0} s (a firewall dropping packets, or the receiver is overloaded).", true, e, "tcp");
        }

        return new($"{_output} output {destination}: the connection broke ({e.GetBaseException().Message}).", true, e);
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    public void Dispose()
    {
        _client.Dispose();
        Handler.Dispose();
    }
}
