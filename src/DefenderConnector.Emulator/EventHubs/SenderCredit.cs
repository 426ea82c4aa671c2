using System.Reflection;
using Amqp.Listener;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>
/// How many messages a sending link may still send under the receiver's link credit. Callers serialise all calls,
/// and send only while holding the same lock, so the listener's own credit is read at a quiet moment.
/// </summary>
/// <remarks>
/// A flow frame states an absolute limit (delivery-count + link-credit), and a receiver may restate or lower it at
/// any time (Microsoft's Event Hubs SDK does so on almost every message when it sizes credit by bytes). AMQPNetLite's
/// listener passes the endpoint only the difference between the new limit and the limit it believes in, and when
/// that difference is not positive it sets its own credit to 0: its limit then falls behind the receiver's, and every
/// later difference it reports is too large by the gap. Adding those differences sent messages past the receiver's
/// limit (receivers fail the link with transfer-limit-exceeded). This ledger keeps the gap between the receiver's
/// limit and the listener's and subtracts it from the next difference.
/// </remarks>
internal sealed class SenderCredit
{
    static readonly Func<ListenerLink, uint> ListenerCredit = BindListenerCredit();

    // The receiver's limit minus the deliveries sent; negative after the receiver lowered its limit below them.
    int available;

    // The receiver's limit minus the listener's limit.
    int gap;

    public int Available => this.available;

    /// <summary>Applies a flow: <paramref name="delta"/> as the listener reported it, <paramref name="listenerCredit"/> read only when needed.</summary>
    public void OnFlow(int delta, Func<uint> listenerCredit)
    {
        this.available += delta - this.gap;

        // A positive difference moved the listener's limit to the receiver's; otherwise the listener's limit is
        // now its delivery-count, i.e. its credit is 0 less whatever was sent since (a wrapped unsigned count).
        this.gap = delta > 0 ? 0 : this.available - unchecked((int)listenerCredit());
    }

    /// <inheritdoc cref="OnFlow(int, Func{uint})"/>
    public void OnFlow(int delta, ListenerLink link) => this.OnFlow(delta, () => ListenerCredit(link));

    /// <summary>Records <paramref name="count"/> deliveries sent.</summary>
    public void Sent(int count) => this.available -= count;

    /// <summary>A completed drain: the listener advanced its delivery-count to its limit, which the receiver adopts.</summary>
    public void Drained()
    {
        this.available = 0;
        this.gap = 0;
    }

    static Func<ListenerLink, uint> BindListenerCredit()
    {
        // ListenerLink keeps its credit internal; reading it is the only way to learn the limit it fell back to.
        var getter = typeof(ListenerLink).GetProperty("Credit", BindingFlags.Instance | BindingFlags.NonPublic)?.GetMethod
            ?? throw new InvalidOperationException("AMQPNetLite's ListenerLink no longer has an internal Credit property; the emulator's credit ledger needs it.");
        return getter.CreateDelegate<Func<ListenerLink, uint>>();
    }
}
