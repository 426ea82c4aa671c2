using System.Net.Sockets;

namespace DefenderConnector.Host.Outputs.Network;

/// <summary>
/// Turns socket and TLS failures into one-line diagnoses naming the output. A receiver that is down or
/// unreachable is transient (back off and retry, checkpoint nothing); a certificate the connector does not
/// trust, or one it cannot present, is not: retrying would not change the answer.
/// </summary>
internal static class NetworkFailureClassifier
{
    public static OutputDeliveryException Connect(Exception e, NetworkEndpointOptions options, string output)
    {
        var endpoint = options.Describe();
        return e switch
        {
            SocketException { SocketErrorCode: SocketError.ConnectionRefused } => new($"{output} output {endpoint}: connection refused (is the receiver running and listening on port {options.Port}?).", true, e, "tcp"),
            SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain } => new($"{output} output {endpoint}: the name {options.Host} does not resolve (DNS).", true, e, "tcp"),
            SocketException s => new($"{output} output {endpoint}: cannot connect ({s.SocketErrorCode}).", true, e, "tcp"),
            _ => new($"{output} output {endpoint}: no connection within {options.ConnectTimeout.TotalSeconds:0} s (a firewall dropping packets, or the receiver is overloaded).", true, e, "tcp"),
        };
    }

    public static OutputDeliveryException Handshake(Exception e, string? certificateProblem, NetworkEndpointOptions options, string output)
    {
        var endpoint = options.Describe();
        if (certificateProblem is not null)
        {
            return new($"{output} output {endpoint}: TLS refused: {certificateProblem}.", false, e, "tls");
        }

        if (e is OperationCanceledException)
        {
            return new($"{output} output {endpoint}: the TLS handshake did not finish within {options.ConnectTimeout.TotalSeconds:0} s (is the port speaking TLS?).", true, e, "tls");
        }

        var client = options.ClientCertificate is null ? " (it may require a client certificate: set clientCertificate)" : " (it may not accept the client certificate, or the TLS versions)";
        return new($"{output} output {endpoint}: the receiver ended the TLS handshake{client}: {e.Message}", false, e, "tls");
    }

    /// <summary>A connection that broke while a batch was in flight: the batch is sent again on a new one.</summary>
    public static OutputDeliveryException Broken(Exception e, NetworkEndpointOptions options, string output) =>
        new($"{output} output {options.Describe()}: the connection broke while sending ({e.GetType().Name}: {e.Message}).", true, e);
}
