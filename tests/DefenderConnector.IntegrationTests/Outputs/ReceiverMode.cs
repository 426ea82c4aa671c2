namespace DefenderConnector.IntegrationTests.Outputs;

/// <summary>What the test rsyslog listens with.</summary>
internal enum ReceiverMode
{
    /// <summary>imtcp, plain TCP.</summary>
    Tcp,

    /// <summary>imtcp with the gtls stream driver (RFC 5425).</summary>
    Tls,

    /// <summary>imtcp with gtls, and a client certificate from the test CA required (x509/certvalid).</summary>
    MutualTls,

    /// <summary>imrelp.</summary>
    Relp,

    /// <summary>imrelp with <c>tls="on"</c> (librelp's TLS): the server certificate from the test CA, and a client certificate from it required (librelp always authenticates the peer; authMode certvalid).</summary>
    RelpTls,
}
