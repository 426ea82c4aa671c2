using DefenderConnector.Encoders;

namespace DefenderConnector.Tests.Encoders;

/// <summary>The identity cache answers only for the very string it was given, and keeps working past its size.</summary>
public sealed class IdentityTableTests
{
    [Fact]
    public void AnEqualStringThatIsAnotherObjectIsNotFound()
    {
        var table = new IdentityTable<int>(16);
        var key = "device.uid";
        table.Add(key, 7);
        Assert.True(table.TryGet(key, out var value));
        Assert.Equal(7, value);
        Assert.False(table.TryGet(new string(key.AsSpan()), out _));
    }

    [Fact]
    public void GetOrAddAsksTheSlowerWayOncePerKeyObject()
    {
        var table = new IdentityTable<int>(16);
        var key = "actor.user.name";
        var asked = new List<string>();
        int Find(string k, List<string> log)
        {
            log.Add(k);
            return k.Length;
        }

        Assert.Equal(15, table.GetOrAdd(key, asked, Find));
        Assert.Equal(15, table.GetOrAdd(key, asked, Find));
        var equal = new string(key.AsSpan());
        Assert.Equal(15, table.GetOrAdd(equal, asked, Find));
        Assert.Equal(2, asked.Count);
        Assert.Same(key, asked[0]);
        Assert.Same(equal, asked[1]);
    }

    [Fact]
    public void ATableThatFillsUpStartsAgainAndStillAnswersForWhatItHolds()
    {
        var table = new IdentityTable<int>(16);
        var keys = Enumerable.Range(0, 100).Select(i => $"key{i}").ToArray();
        for (var i = 0; i < keys.Length; i++)
        {
            table.Add(keys[i], i);
            Assert.True(table.TryGet(keys[i], out var value));
            Assert.Equal(i, value);
        }

        // Whatever survived the restarts maps to its own value; the rest is missed, never mixed up.
        var found = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            if (table.TryGet(keys[i], out var value))
            {
                Assert.Equal(i, value);
                found++;
            }
        }

        Assert.InRange(found, 1, 8);
    }

    [Fact]
    public async Task ReadersRacingWritersThatStartTheTableAgainNeverGetAnotherKeysValue()
    {
        // A small table restarts every few adds, while other threads read it.
        var table = new IdentityTable<int>(16);
        var keys = Enumerable.Range(0, 200).Select(i => $"key{i}").ToArray();
        var wrong = 0;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(thread => Task.Run(() =>
        {
            var random = new Random(thread);
            for (var n = 0; n < 20_000; n++)
            {
                var i = random.Next(keys.Length);
                if (table.TryGet(keys[i], out var value))
                {
                    if (value != i)
                    {
                        Interlocked.Increment(ref wrong);
                    }
                }
                else
                {
                    table.Add(keys[i], i);
                }
            }
        })));
        Assert.Equal(0, wrong);
    }
}
