using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace DefenderConnector.Host;

/// <summary>Console logging to standard error, so standard output carries only reports.</summary>
internal static class Logging
{
    public static ILoggerFactory Create(bool verbose, LogFormat format = LogFormat.Simple) => LoggerFactory.Create(builder => Configure(builder, verbose, format));

    /// <summary>
    /// <see cref="LogFormat.Simple"/>: one line per entry with a UTC time; <see cref="LogFormat.Json"/>: one JSON
    /// object per line (structured fields as properties) for log shippers; <see cref="LogFormat.Systemd"/>:
    /// journald's <c>&lt;N&gt;</c> priority prefix and no time (journald stamps each line itself).
    /// </summary>
    public static void Configure(ILoggingBuilder builder, bool verbose, LogFormat format)
    {
        builder.ClearProviders();
        builder.SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Information);
        builder.AddFilter("Quartz", LogLevel.Warning);
        builder.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        switch (format)
        {
            case LogFormat.Json:
                builder.AddJsonConsole(o =>
                {
                    o.UseUtcTimestamp = true;
                    o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                });
                break;
            case LogFormat.Systemd:
                builder.AddSystemdConsole();
                break;
            default:
                builder.AddSimpleConsole(o =>
                {
                    o.SingleLine = true;
                    o.TimestampFormat = "HH:mm:ss ";
                    o.UseUtcTimestamp = true;
                });
                break;
        }

        builder.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    }
}
