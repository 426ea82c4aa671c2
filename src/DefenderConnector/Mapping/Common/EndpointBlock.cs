using System.Text.Json;

namespace DefenderConnector.Mapping;

/// <summary>A network endpoint (src/dst) from an IP, port and host name column; written only when one of them is usable.</summary>
internal static class EndpointBlock
{
    public static bool Write(OcsfEventWriter writer, ReadOnlySpan<byte> property, in Row row, Column ip, Column port, Column hostname)
    {
        var hasIp = Put.IsIp(row.Peek(ip));
        var hasHost = row.Has(hostname);
        if (!hasIp && !hasHost)
        {
            return false;
        }

        writer.WriteStartObject(property);
        Put.Ip(writer, Names.Ip, row, ip);
        Put.Port(writer, Names.Port, row, port);
        Put.Str(writer, Names.Hostname, row, hostname);
        writer.WriteEndObject();
        return true;
    }

    /// <summary>The IP as written (empty when it was not an IP), for observables.</summary>
    public static ReadOnlySpan<byte> IpOf(in Row row, Column ip) => Put.IsIp(row.Peek(ip)) ? row.Peek(ip) : default;
}
