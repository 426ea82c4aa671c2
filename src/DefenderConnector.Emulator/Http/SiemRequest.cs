using System.IO.Compression;
using Microsoft.AspNetCore.Http;

namespace DefenderConnector.Emulator.Http;

/// <summary>Reads a SIEM stand-in's request body whole, undoing <c>Content-Encoding: gzip</c>.</summary>
internal static class SiemRequest
{
    public static async Task<byte[]> BodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        if (string.Equals(request.Headers.ContentEncoding.ToString(), "gzip", StringComparison.OrdinalIgnoreCase))
        {
            await using var gzip = new GZipStream(request.Body, CompressionMode.Decompress);
            await gzip.CopyToAsync(buffer).ConfigureAwait(false);
        }
        else
        {
            await request.Body.CopyToAsync(buffer).ConfigureAwait(false);
        }

        return buffer.ToArray();
    }

    public static async Task WriteAsync(HttpContext context, int status, string? body, int? retryAfter = null)
    {
        context.Response.StatusCode = status;
        if (retryAfter is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (body is not null)
        {
            context.Response.ContentType = "application/json; charset=UTF-8";
            await context.Response.WriteAsync(body).ConfigureAwait(false);
        }
    }
}
