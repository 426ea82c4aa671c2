using System.Globalization;
using Microsoft.Data.Sqlite;

namespace DefenderConnector.Checkpoints;

/// <summary>
/// The operator side of the SQLite store: the last pull per source, listing checkpoints and dead letters,
/// marking re-driven dead letters done. The tables and the column they need are added to an existing database
/// in place (additive: a database of the first schema version opens unchanged and gains them).
/// </summary>
internal sealed partial class SqliteStateStore
{
    private static void Migrate(SqliteConnection connection)
    {
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS pull_outcomes (
                source TEXT PRIMARY KEY,
                finished_at TEXT NOT NULL,
                outcome TEXT NOT NULL,
                error TEXT,
                events INTEGER NOT NULL,
                dead_lettered INTEGER NOT NULL);
            """);
        using var columns = connection.CreateCommand();
        columns.CommandText = "SELECT COUNT(*) FROM pragma_table_info('dead_letters') WHERE name = 'done_at';";
        if (Convert.ToInt64(columns.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
        {
            Execute(connection, "ALTER TABLE dead_letters ADD COLUMN done_at TEXT;");
        }
    }

    public ValueTask RecordPullAsync(PullRecord record, CancellationToken cancellationToken) =>
        new(WithConnectionAsync(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = """
                INSERT INTO pull_outcomes (source, finished_at, outcome, error, events, dead_lettered) VALUES ($s, $f, $o, $e, $n, $d)
                ON CONFLICT (source) DO UPDATE SET finished_at = excluded.finished_at, outcome = excluded.outcome,
                    error = excluded.error, events = excluded.events, dead_lettered = excluded.dead_lettered;
                """;
            command.Parameters.AddWithValue("$s", record.Source);
            command.Parameters.AddWithValue("$f", Text(record.FinishedAt));
            command.Parameters.AddWithValue("$o", record.Outcome);
            command.Parameters.AddWithValue("$e", (object?)record.Error ?? DBNull.Value);
            command.Parameters.AddWithValue("$n", record.Events);
            command.Parameters.AddWithValue("$d", record.DeadLettered);
            command.ExecuteNonQuery();
            return true;
        }, cancellationToken));

    public async ValueTask<IReadOnlyList<PullRecord>> ReadPullsAsync(CancellationToken cancellationToken) =>
        await WithConnectionAsync<IReadOnlyList<PullRecord>>(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "SELECT source, finished_at, outcome, error, events, dead_lettered FROM pull_outcomes ORDER BY source;";
            using var reader = command.ExecuteReader();
            var records = new List<PullRecord>();
            while (reader.Read())
            {
                records.Add(new PullRecord(reader.GetString(0), Time(reader.GetString(1)), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetInt64(4), reader.GetInt64(5)));
            }

            return records;
        }, cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<Checkpoint>> ReadCheckpointsAsync(CancellationToken cancellationToken) =>
        await WithConnectionAsync<IReadOnlyList<Checkpoint>>(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "SELECT stream, partition, sequence_number, offset, updated_at FROM checkpoints ORDER BY stream, CAST(partition AS INTEGER), partition;";
            using var reader = command.ExecuteReader();
            var checkpoints = new List<Checkpoint>();
            while (reader.Read())
            {
                checkpoints.Add(new Checkpoint(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), Time(reader.GetString(4))));
            }

            return checkpoints;
        }, cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyDictionary<string, long>> CountDeadLettersAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT reason, COUNT(*) FROM dead_letters GROUP BY reason ORDER BY reason;";
            using var reader = command.ExecuteReader();
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            while (reader.Read())
            {
                counts[reader.GetString(0)] = reader.GetInt64(1);
            }

            return counts;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Reads dead letters, newest last; for the CLI and tests.</summary>
    public async ValueTask<IReadOnlyList<DeadLetter>> ReadDeadLettersAsync(int limit, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT source, stream, partition, sequence_number, offset, record_index, reason, detail, raw, at FROM dead_letters ORDER BY id LIMIT $l;";
            command.Parameters.AddWithValue("$l", limit);
            using var reader = command.ExecuteReader();
            var letters = new List<DeadLetter>();
            while (reader.Read())
            {
                letters.Add(new DeadLetter(
                    reader.GetString(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetInt64(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetInt32(5),
                    reader.GetString(6),
                    reader.GetString(7),
                    (byte[])reader.GetValue(8),
                    DateTimeOffset.Parse(reader.GetString(9), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)));
            }

            return letters;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask<IReadOnlyList<StoredDeadLetter>> ReadStoredDeadLettersAsync(bool includeDone, CancellationToken cancellationToken) =>
        await WithConnectionAsync<IReadOnlyList<StoredDeadLetter>>(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "SELECT id, source, stream, partition, sequence_number, offset, record_index, reason, detail, raw, at, done_at FROM dead_letters"
                + (includeDone ? string.Empty : " WHERE done_at IS NULL") + " ORDER BY id;";
            using var reader = command.ExecuteReader();
            var letters = new List<StoredDeadLetter>();
            while (reader.Read())
            {
                var letter = new DeadLetter(
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetInt64(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetInt32(6),
                    reader.GetString(7),
                    reader.GetString(8),
                    (byte[])reader.GetValue(9),
                    Time(reader.GetString(10)));
                letters.Add(new StoredDeadLetter(reader.GetInt64(0), letter, reader.IsDBNull(11) ? null : Time(reader.GetString(11))));
            }

            return letters;
        }, cancellationToken).ConfigureAwait(false);

    public ValueTask<bool> MarkDeadLetterDoneAsync(long id, DateTimeOffset at, CancellationToken cancellationToken) =>
        new(WithConnectionAsync(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "UPDATE dead_letters SET done_at = $at WHERE id = $id AND done_at IS NULL;";
            command.Parameters.AddWithValue("$at", Text(at));
            command.Parameters.AddWithValue("$id", id);
            return command.ExecuteNonQuery() == 1;
        }, cancellationToken));

    private static string Text(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private async Task<T> WithConnectionAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return work(_connection);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw Pulling.ConnectorException.StateAt(_path, e);
        }
        finally
        {
            _gate.Release();
        }
    }
}
