using System.Text.Json;

namespace DefenderConnector.Mapping.Cloud;

/// <summary>The client of a cloud operation: IP with geolocation (country, city, region) and ISP. OCSF requires one for API and file hosting activity.</summary>
internal static class CloudSource
{
    public static void Write(OcsfEventWriter writer, in Row row, Column ip, Column country, Column city, Column region, Column isp)
    {
        writer.WriteStartObject(Names.SrcEndpoint);
        if (!Put.Ip(writer, Names.Ip, row, ip))
        {
            writer.WriteString(Names.Hostname, "Unknown"u8);
        }

        Put.Str(writer, Names.Isp, row, isp);
        if (row.Has(country) || row.Has(city) || row.Has(region))
        {
            writer.WriteStartObject(Names.Location);
            Put.Str(writer, Names.Country, row, country);
            Put.Str(writer, Names.City, row, city);
            Put.Str(writer, Names.Region, row, region);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
