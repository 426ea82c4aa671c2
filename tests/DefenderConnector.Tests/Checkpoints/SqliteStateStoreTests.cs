using DefenderConnector.Checkpoints;
using DefenderConnector.Tests.Fakes;

namespace DefenderConnector.Tests.Checkpoints;

public sealed class SqliteStateStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task CommittedStateSurvivesReopening()
    {
        using var temp = new TempDirectory();
        var path = temp.File("state/connector.db");
        await using (var store = SqliteStateStore.Open(path))
        {
            await store.CommitAsync(
                new StateCommit(
                    [new Checkpoint("ns/hub/$default", "0", 41, "4096", Now)],
                    [new("graph/incidents", "2026-11-23T09:00:00Z")],
                    [new DeadLetter("eventhub", "ns/hub/$default", "0", 40, "4000", null, DeadLetterReasons.NotJson, "bad", "not json"u8.ToArray(), Now)]),
                CancellationToken.None);
        }

        await using (var reopened = SqliteStateStore.Open(path))
        {
            var checkpoint = await reopened.GetCheckpointAsync("ns/hub/$default", "0", CancellationToken.None);
            Assert.Equal(new Checkpoint("ns/hub/$default", "0", 41, "4096", Now), checkpoint);
            Assert.Equal("2026-11-23T09:00:00Z", await reopened.GetCursorAsync("graph/incidents", CancellationToken.None));
            Assert.Equal(1, (await reopened.CountDeadLettersAsync(CancellationToken.None))[DeadLetterReasons.NotJson]);
            var letter = Assert.Single(await reopened.ReadDeadLettersAsync(10, CancellationToken.None));
            Assert.Equal("not json"u8.ToArray(), letter.Raw.ToArray());
            Assert.Equal(40, letter.SequenceNumber);
            Assert.Equal("4000", letter.Offset);
        }
    }

    [Fact]
    public async Task ACheckpointNeverMovesBackwards()
    {
        using var temp = new TempDirectory();
        await using var store = SqliteStateStore.Open(temp.File("s.db"));
        await store.CommitAsync(StateCommit.For(new Checkpoint("s", "1", 100, "100", Now), []), CancellationToken.None);
        await store.CommitAsync(StateCommit.For(new Checkpoint("s", "1", 50, "50", Now), []), CancellationToken.None);

        Assert.Equal(100, (await store.GetCheckpointAsync("s", "1", CancellationToken.None))!.SequenceNumber);
        Assert.Null(await store.GetCheckpointAsync("s", "2", CancellationToken.None));
    }

    [Fact]
    public async Task PartitionsAndStreamsAreKeptApart()
    {
        using var temp = new TempDirectory();
        await using var store = SqliteStateStore.Open(temp.File("s.db"));
        await store.CommitAsync(new StateCommit([new Checkpoint("a", "0", 1, "1", Now), new Checkpoint("b", "0", 2, "2", Now), new Checkpoint("a", "1", 3, "3", Now)], [], []), CancellationToken.None);

        Assert.Equal(1, (await store.GetCheckpointAsync("a", "0", CancellationToken.None))!.SequenceNumber);
        Assert.Equal(2, (await store.GetCheckpointAsync("b", "0", CancellationToken.None))!.SequenceNumber);
        Assert.Equal(3, (await store.GetCheckpointAsync("a", "1", CancellationToken.None))!.SequenceNumber);
    }
}
