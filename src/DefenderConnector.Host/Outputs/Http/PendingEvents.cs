namespace DefenderConnector.Host.Outputs.Http;

/// <summary>
/// Which events of a batch still need the receiver's confirmation. A retry sends only these, so what the receiver
/// already confirmed is not sent again; events set aside (dead-lettered) leave the set too.
/// </summary>
internal sealed class PendingEvents(int count)
{
    private readonly bool[] _done = new bool[count];

    public int Remaining { get; private set; } = count;

    public List<int> Indexes()
    {
        var list = new List<int>(Remaining);
        for (var i = 0; i < _done.Length; i++)
        {
            if (!_done[i])
            {
                list.Add(i);
            }
        }

        return list;
    }

    public void Done(IEnumerable<int> indexes)
    {
        foreach (var index in indexes)
        {
            Done(index);
        }
    }

    public void Done(int index)
    {
        if (!_done[index])
        {
            _done[index] = true;
            Remaining--;
        }
    }
}
