using DefenderConnector.Host.Outputs.Http;
using DefenderConnector.Host.Outputs.Syslog;

namespace DefenderConnector.Host.Outputs.Hec;

/// <summary>Reads <c>output.hec</c>.</summary>
internal static class HecSettingsReader
{
    /// <summary>1 MB: a request size Splunk accepts everywhere; raise it up to the receiver's <c>max_content_length</c>.</summary>
    public const int DefaultMaxRequestBytes = 1_000_000;

    public static HecOutputOptions? Read(SettingsSection section, string baseDirectory, Func<string, string?> environment)
    {
        section.RejectUnknown([.. HttpEndpointReader.Keys, "url", "token", "index", "sourcetype", "source", "host", "useAck", "ackTimeout", "ackPollInterval"]);
        var url = HttpEndpointReader.RequiredUrl(section, "url", "the collector's base URL, e.g. https://splunk.example.com:8088");
        var token = HostSecret.Resolve(section, "token", baseDirectory, environment);
        if (token is null && !section.Has("token") && !section.Problems.Any(p => p.Setting == section.Name("token")))
        {
            section.Problem("token", "is required: the HEC token as env:NAME or file:PATH.");
        }

        var index = section.String("index");
        var sourceType = section.String("sourcetype");
        var source = section.String("source") ?? SyslogConstants.AppName;
        var host = section.String("host") ?? Environment.MachineName;
        var useAck = section.Bool("useAck") ?? false;
        var ackTimeout = section.Duration("ackTimeout", TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)) ?? TimeSpan.FromSeconds(120);
        var ackPoll = section.Duration("ackPollInterval", TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(1)) ?? TimeSpan.FromSeconds(1);
        if (!useAck && section.Has("ackTimeout"))
        {
            section.Problem("ackTimeout", "is set, but useAck is false: set useAck to true or remove it.");
        }

        var endpoint = HttpEndpointReader.Read(section, url is null ? null : [url], DefaultMaxRequestBytes, 512 * 1024 * 1024, defaultGzip: false, baseDirectory);
        return endpoint is null || token is null ? null : new HecOutputOptions(endpoint, token, index, sourceType, source, host, useAck, ackTimeout, ackPoll);
    }
}
