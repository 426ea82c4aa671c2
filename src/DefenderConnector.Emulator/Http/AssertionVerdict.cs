namespace DefenderConnector.Emulator.Http;

/// <summary>How a client assertion fared, each mapped to the AADSTS code Entra answers with.</summary>
internal enum AssertionVerdict
{
    Valid,

    /// <summary>Not signed by any certificate registered on the app (AADSTS700027).</summary>
    UnknownCertificate,

    /// <summary><c>aud</c>, <c>iss</c> or <c>sub</c> wrong (AADSTS700021).</summary>
    BadAudience,

    /// <summary><c>exp</c> passed or unreadable (AADSTS700024).</summary>
    Expired,

    /// <summary>Not a JWT, or an unsupported algorithm.</summary>
    Malformed,
}
