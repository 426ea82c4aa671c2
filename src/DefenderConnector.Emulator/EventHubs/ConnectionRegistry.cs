using Amqp;
using Amqp.Framing;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>The open client connections and their authorization state; forgets a connection when it closes.</summary>
internal sealed class ConnectionRegistry
{
    readonly Dictionary<Connection, ConnectionState> states = new();

    public ConnectionState Get(Connection connection)
    {
        lock (this.states)
        {
            if (this.states.TryGetValue(connection, out var state)) { return state; }

            state = new ConnectionState(connection);
            this.states.Add(connection, state);
            connection.Closed += this.OnClosed;
            return state;
        }
    }

    public IReadOnlyList<ConnectionState> Snapshot()
    {
        lock (this.states) { return this.states.Values.ToList(); }
    }

    void OnClosed(IAmqpObject sender, Error error)
    {
        lock (this.states) { this.states.Remove((Connection)sender); }
    }
}
