using System.Globalization;
using Microsoft.Data.Sqlite;

namespace DefenderConnector.Checkpoints;

/// <summary>
/// The embedded default state store: one SQLite database (WAL journal, synchronous FULL so a
/// committed checkpoint survives a power loss). One connection, serialized by a semaphore: commits
/// are small and rare next to the sink's work.
/// </summary>
internal sealed partial class SqliteStateStore : IStateStore
{
    private const int SchemaVersion = 1;
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _path;
    private readonly TimeProvider _time;
    private bool _marked;

    private SqliteStateStore(SqliteConnection connection, string path, TimeProvider time)
    {
        _connection = connection;
        _path = path;
        _time = time;
    }

    /// <summary>Opens (or creates) the database; any failure is a <see cref="Pulling.ConnectorException"/> (<c>StateFailed</c>) naming the path and what to do.</summary>
    public static SqliteStateStore Open(string path, TimeProvider? time = null)
    {
        try
        {
            return OpenCore(path, time ?? TimeProvider.System);
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw Pulling.ConnectorException.StateAt(path, e);
        }
    }

    private static SqliteStateStore OpenCore(string path, TimeProvider time)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, "PRAGMA synchronous=FULL;");
        Execute(connection, "PRAGMA busy_timeout=5000;");
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS checkpoints (
                stream TEXT NOT NULL,
                partition TEXT NOT NULL,
                sequence_number INTEGER NOT NULL,
                offset TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (stream, partition));
            CREATE TABLE IF NOT EXISTS cursors (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS dead_letters (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                source TEXT NOT NULL,
                stream TEXT NOT NULL,
                partition TEXT NOT NULL,
                sequence_number INTEGER,
                offset TEXT,
                record_index INTEGER,
                reason TEXT NOT NULL,
                detail TEXT NOT NULL,
                raw BLOB NOT NULL,
                at TEXT NOT NULL);
            """);
        Migrate(connection);
        using (var check = connection.CreateCommand())
        {
            check.CommandText = "SELECT version FROM schema_version LIMIT 1;";
            var found = check.ExecuteScalar();
            if (found is null)
            {
                Execute(connection, $"INSERT INTO schema_version (version) VALUES ({SchemaVersion});");
            }
            else if (Convert.ToInt32(found, CultureInfo.InvariantCulture) != SchemaVersion)
            {
                connection.Dispose();
                throw new InvalidOperationException(
                    $"The state database {path} has schema version {found}; this connector uses version {SchemaVersion}.");
            }
        }

        return new SqliteStateStore(connection, path, time);
    }

    public async ValueTask<Checkpoint?> GetCheckpointAsync(string stream, string partition, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT sequence_number, offset, updated_at FROM checkpoints WHERE stream = $s AND partition = $p;";
            command.Parameters.AddWithValue("$s", stream);
            command.Parameters.AddWithValue("$p", partition);
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            return new Checkpoint(
                stream,
                partition,
                reader.GetInt64(0),
                reader.GetString(1),
                DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            throw Pulling.ConnectorException.StateAt(_path, e);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask<string?> GetCursorAsync(string key, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT value FROM cursors WHERE key = $k;";
            command.Parameters.AddWithValue("$k", key);
            return command.ExecuteScalar() as string;
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            throw Pulling.ConnectorException.StateAt(_path, e);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask CommitAsync(StateCommit commit, CancellationToken cancellationToken)
    {
        // The sink already holds the batch: a cancelled commit would only cause a replay, but there is
        // no reason to abandon a write that takes milliseconds, so cancellation is honoured only while waiting.
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_marked && commit.Checkpoints.Count + commit.Cursors.Count > 0)
            {
                StateMarker.Write(_path, _time);
                _marked = true;
            }

            using var transaction = _connection.BeginTransaction();
            foreach (var checkpoint in commit.Checkpoints)
            {
                using var command = _connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = """
                    INSERT INTO checkpoints (stream, partition, sequence_number, offset, updated_at)
                    VALUES ($s, $p, $n, $o, $u)
                    ON CONFLICT (stream, partition) DO UPDATE SET
                        sequence_number = excluded.sequence_number, offset = excluded.offset, updated_at = excluded.updated_at
                    WHERE excluded.sequence_number >= checkpoints.sequence_number OR $rewind;
                    """;
                command.Parameters.AddWithValue("$rewind", commit.Rewind);
                command.Parameters.AddWithValue("$s", checkpoint.Stream);
                command.Parameters.AddWithValue("$p", checkpoint.Partition);
                command.Parameters.AddWithValue("$n", checkpoint.SequenceNumber);
                command.Parameters.AddWithValue("$o", checkpoint.Offset);
                command.Parameters.AddWithValue("$u", checkpoint.UpdatedAt.ToString("O", CultureInfo.InvariantCulture));
                command.ExecuteNonQuery();
            }

            foreach (var (key, value) in commit.Cursors)
            {
                using var command = _connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "INSERT INTO cursors (key, value) VALUES ($k, $v) ON CONFLICT (key) DO UPDATE SET value = excluded.value;";
                command.Parameters.AddWithValue("$k", key);
                command.Parameters.AddWithValue("$v", value);
                command.ExecuteNonQuery();
            }

            foreach (var letter in commit.DeadLetters)
            {
                using var command = _connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = """
                    INSERT INTO dead_letters (source, stream, partition, sequence_number, offset, record_index, reason, detail, raw, at)
                    VALUES ($source, $stream, $partition, $seq, $offset, $index, $reason, $detail, $raw, $at);
                    """;
                command.Parameters.AddWithValue("$source", letter.Source);
                command.Parameters.AddWithValue("$stream", letter.Stream);
                command.Parameters.AddWithValue("$partition", letter.Partition);
                command.Parameters.AddWithValue("$seq", (object?)letter.SequenceNumber ?? DBNull.Value);
                command.Parameters.AddWithValue("$offset", (object?)letter.Offset ?? DBNull.Value);
                command.Parameters.AddWithValue("$index", (object?)letter.RecordIndex ?? DBNull.Value);
                command.Parameters.AddWithValue("$reason", letter.Reason);
                command.Parameters.AddWithValue("$detail", letter.Detail);
                command.Parameters.AddWithValue("$raw", letter.Raw.ToArray());
                command.Parameters.AddWithValue("$at", letter.At.ToString("O", CultureInfo.InvariantCulture));
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            throw Pulling.ConnectorException.StateAt(_path, e);
        }
        finally
        {
            _gate.Release();
        }
    }

    public ValueTask DisposeAsync()
    {
        _connection.Dispose();
        _gate.Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
