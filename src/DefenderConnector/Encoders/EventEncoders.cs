using System.Reflection;
using DefenderConnector.Configuration;
using DefenderConnector.Encoders.Cef;
using DefenderConnector.Encoders.Ecs;

namespace DefenderConnector.Encoders;

/// <summary>Chooses the encoder for an output format.</summary>
internal static class EventEncoders
{
    /// <summary>The formats this build can write.</summary>
    public static readonly OutputFormat[] Supported = [OutputFormat.Ocsf, OutputFormat.Cef, OutputFormat.Ecs];

    /// <summary>The connector's version without build metadata: the CEF Device Version fallback.</summary>
    public static string ConnectorVersion { get; } =
        typeof(EventEncoders).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    /// <param name="format">The output format.</param>
    /// <param name="ecsOriginal">For ECS: whether each document keeps the whole OCSF event in <c>ocsf.original</c>.</param>
    public static IEventEncoder For(OutputFormat format, bool ecsOriginal = true) => format switch
    {
        OutputFormat.Ocsf => new OcsfJsonEncoder(),
        OutputFormat.Cef => new CefEncoder(ConnectorVersion),
        OutputFormat.Ecs => new EcsEncoder(ecsOriginal),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown output format."),
    };

    /// <summary>Parses a format name (<c>ocsf</c>, <c>cef</c>, <c>ecs</c>, any case).</summary>
    public static bool TryParse(string? name, out OutputFormat format)
    {
        format = default;
        return !string.IsNullOrWhiteSpace(name)
            && !name.Trim().All(char.IsDigit)
            && Enum.TryParse(name.Trim(), ignoreCase: true, out format)
            && Supported.Contains(format);
    }
}
