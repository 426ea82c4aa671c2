using DefenderConnector.Configuration;

namespace DefenderConnector.Encoders;

/// <summary>Chooses the encoder for an output format.</summary>
internal static class EventEncoders
{
    /// <summary>The formats this build can write.</summary>
    public static readonly OutputFormat[] Supported = [OutputFormat.Ocsf];

    public static IEventEncoder For(OutputFormat format) => format switch
    {
        OutputFormat.Ocsf => new OcsfJsonEncoder(),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "This build writes only OCSF JSON."),
    };
}
