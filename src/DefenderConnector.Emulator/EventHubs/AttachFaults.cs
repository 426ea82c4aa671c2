using System.Diagnostics.CodeAnalysis;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>A scripted number of upcoming attaches to refuse, with a given error condition.</summary>
internal sealed class AttachFaults
{
    readonly object gate = new();
    int remaining;
    string condition = EventHubConstants.ServerBusy;

    public void FailNext(int count, string errorCondition)
    {
        lock (this.gate)
        {
            this.remaining = Math.Max(0, count);
            this.condition = errorCondition;
        }
    }

    public bool TryConsume([NotNullWhen(true)] out string? errorCondition)
    {
        lock (this.gate)
        {
            if (this.remaining > 0)
            {
                this.remaining--;
                errorCondition = this.condition;
                return true;
            }

            errorCondition = null;
            return false;
        }
    }
}
