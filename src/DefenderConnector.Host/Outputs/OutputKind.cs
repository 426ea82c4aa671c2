namespace DefenderConnector.Host.Outputs;

/// <summary>The outputs the reference host offers (<c>output.type</c>).</summary>
internal enum OutputKind
{
    File,
    Syslog,
    Relp,
    Hec,
    Elasticsearch,
    Sentinel,
}
