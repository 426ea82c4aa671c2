using System.Text.Json;

namespace DefenderConnector.Mapping;

/// <summary>
/// An OCSF process from Defender process columns. OCSF needs a pid (or uid) for a process, so a row
/// without one gets no process object and its process columns stay in <c>unmapped</c>.
/// </summary>
internal static class ProcessBlock
{
    public static bool CanWrite(in Row row, in ProcessColumns columns) => row.Has(columns.Pid);

    public static bool Write(OcsfEventWriter writer, ReadOnlySpan<byte> property, in Row row, in ProcessColumns columns, in UserColumns user, bool withUser, bool withParent)
    {
        if (!row.TryLong(columns.Pid, out var pid) || pid is < int.MinValue or > int.MaxValue)
        {
            row.Unmark(columns.Pid);
            return false;
        }

        writer.WriteStartObject(property);
        writer.WriteNumber(Names.Pid, pid);
        Put.Str(writer, Names.Name, row, columns.FileName);
        Put.Str(writer, Names.CmdLine, row, columns.CommandLine);
        Put.Time(writer, Names.CreatedTime, row, columns.CreationTime);
        Integrity(writer, row, columns.Integrity);
        FileBlock.WriteExecutable(writer, row, columns);
        if (withUser)
        {
            UserBlock.Write(writer, "user"u8, row, user);
        }

        if (withParent && row.TryLong(columns.ParentPid, out var parentPid) && parentPid is >= int.MinValue and <= int.MaxValue)
        {
            writer.WriteStartObject(Names.ParentProcess);
            writer.WriteNumber(Names.Pid, parentPid);
            Put.Str(writer, Names.Name, row, columns.ParentName);
            Put.Time(writer, Names.CreatedTime, row, columns.ParentCreationTime);
            writer.WriteEndObject();
        }

        if (row.Has(columns.SessionId) || row.Has(columns.IsRemoteSession))
        {
            writer.WriteStartObject(Names.Session);
            Put.Str(writer, Names.Uid, row, columns.SessionId);
            Put.Bool(writer, Names.IsRemote, row, columns.IsRemoteSession);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        return true;
    }

    /// <summary>
    /// For classes that require a process: when the row has no usable pid, a process with pid 0
    /// and the name Defender gave, so the event stays valid; the source pid text stays in unmapped.
    /// </summary>
    public static void WriteRequired(OcsfEventWriter writer, ReadOnlySpan<byte> property, in Row row, in ProcessColumns columns, in UserColumns user, bool withParent)
    {
        if (Write(writer, property, row, columns, user, withUser: true, withParent))
        {
            return;
        }

        writer.WriteStartObject(property);
        writer.WriteNumber(Names.Pid, 0);
        Put.Str(writer, Names.Name, row, columns.FileName);
        Put.Str(writer, Names.CmdLine, row, columns.CommandLine);
        writer.WriteEndObject();
    }

    public static void Observe(ref ObservableWriter observables, ReadOnlySpan<byte> prefix, in Row row, in ProcessColumns columns)
    {
        if (!row.IsLong(columns.Pid))
        {
            return;
        }

        Span<byte> path = stackalloc byte[prefix.Length + 32];
        observables.Add(Join(path, prefix, ".name"u8), 9, row.Peek(columns.FileName));
        observables.Add(Join(path, prefix, ".cmd_line"u8), 13, row.Peek(columns.CommandLine));
        observables.Add(Join(path, prefix, ".file.hashes.value"u8), 8, row.Peek(columns.Sha256));
    }

    private static ReadOnlySpan<byte> Join(Span<byte> buffer, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> suffix)
    {
        prefix.CopyTo(buffer);
        suffix.CopyTo(buffer[prefix.Length..]);
        return buffer[..(prefix.Length + suffix.Length)];
    }

    private static void Integrity(OcsfEventWriter writer, in Row row, Column column)
    {
        var text = row.Peek(column);
        if (text.IsEmpty)
        {
            return;
        }

        var id = Ascii(text, "Untrusted"u8) ? 1 : Ascii(text, "Low"u8) ? 2 : Ascii(text, "Medium"u8) ? 3 : Ascii(text, "High"u8) ? 4 : Ascii(text, "System"u8) ? 5 : Ascii(text, "Protected"u8) ? 6 : 99;
        row.TryText(column, out _);
        writer.WriteNumber(Names.IntegrityId, id);
        writer.WriteString(Names.Integrity, text);
    }

    private static bool Ascii(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => System.Text.Ascii.EqualsIgnoreCase(a, b);
}
