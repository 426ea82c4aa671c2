using System.Text.Json;

namespace DefenderConnector.Mapping.Cloud;

/// <summary>The client of a cloud operation: IP with geolocation (country, city, region) and ISP. OCSF requires one for API and file hosting activity.</summary>
internal static class CloudSource
{
    public static void Write(Utf8JsonWriter writer, in Row row, Column ip, Column country, Column city, Column region, Column isp)
    {
        writer.WriteStartObject("src_endpoint"u8);
        if (!Put.Ip(writer, "ip"u8, row, ip))
        {
            writer.WriteString("hostname"u8, "Unknown"u8);
        }

        Put.Str(writer, "isp"u8, row, isp);
        if (row.Has(country) || row.Has(city) || row.Has(region))
        {
            writer.WriteStartObject("location"u8);
            Put.Str(writer, "country"u8, row, country);
            Put.Str(writer, "city"u8, row, city);
            Put.Str(writer, "region"u8, row, region);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
