using DefenderConnector.Emulator.Http;

namespace DefenderConnector.Host.Commands;

/// <summary>
/// The emulator command's <c>--siem</c>: the SIEM receivers' stand-ins (Splunk HEC, Elasticsearch <c>_bulk</c>, Logs
/// Ingestion with its Entra token endpoint) over HTTPS on loopback, all accepting one secret, for trying the network
/// outputs and measuring them on one machine.
/// </summary>
internal static class EmulatorSiem
{
    public const string TenantId = "00000000-0000-0000-0000-00000000e001";
    public const string ClientId = "00000000-0000-0000-0000-00000000e002";
    public const string RuleId = "dcr-00000000000000000000000000000001";
    public const string Stream = "Custom-DefenderOcsf_CL";
    public const string DataStream = "logs-defender-default";

    public static async Task<DefenderApiEmulator> StartAsync(int port, string secret, string certificateFile, CancellationToken cancellationToken)
    {
        var standIn = await DefenderApiEmulator.StartAsync(null, port, null, null, cancellationToken).ConfigureAwait(false);
        standIn.Siem.Hec.AddToken(secret, useAck: true);
        standIn.Siem.Bulk.AddApiKey(secret, "logs-");
        standIn.Siem.Bulk.AddDataStream(DataStream);
        standIn.Siem.LogsIngestion.AddRule(RuleId, Stream);
        standIn.Directory.AddApp(TenantId, ClientId).AddSecret(secret, DateTimeOffset.UtcNow.AddYears(1)).Grant(LogsIngestionStandIn.PublisherRole);
        standIn.WriteCertificatePem(certificateFile);
        Console.WriteLine($"SIEM stand-ins listening on {standIn.AuthorityHost} (HEC /services/collector, _bulk into data stream {DataStream}, Logs Ingestion rule {RuleId} stream {Stream}, Entra tenant {TenantId} app {ClientId}); certificate: {certificateFile}");
        return standIn;
    }
}
