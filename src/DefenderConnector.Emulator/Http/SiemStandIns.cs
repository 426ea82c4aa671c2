namespace DefenderConnector.Emulator.Http;

/// <summary>
/// The SIEM receivers' stand-ins served beside Graph and Entra: Splunk HEC, Elasticsearch <c>_bulk</c> and the
/// Logs Ingestion API. They hold what was delivered; pass the same instance to a restarted emulator to model
/// a receiver that goes down and comes back with its data.
/// </summary>
public sealed class SiemStandIns
{
    public SplunkHecStandIn Hec { get; } = new();

    public BulkStandIn Bulk { get; } = new();

    public LogsIngestionStandIn LogsIngestion { get; } = new();
}
