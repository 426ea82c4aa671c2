namespace DefenderConnector.Mapping.Device;

/// <summary>
/// Names of the common DNS resource record types (IANA registry codes), for <c>answers[].type</c>
/// when Defender reports the type as a number. An uncommon code gets no name rather than a guess.
/// </summary>
internal static class DnsRecordTypes
{
    public static ReadOnlySpan<byte> Name(int code) => code switch
    {
        1 => "A"u8,
        2 => "NS"u8,
        5 => "CNAME"u8,
        6 => "SOA"u8,
        12 => "PTR"u8,
        15 => "MX"u8,
        16 => "TXT"u8,
        28 => "AAAA"u8,
        33 => "SRV"u8,
        65 => "HTTPS"u8,
        _ => default,
    };
}
