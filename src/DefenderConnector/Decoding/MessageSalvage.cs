using System.Text.Json;
using DefenderConnector.Checkpoints;

namespace DefenderConnector.Decoding;

/// <summary>
/// Recovers the whole records of a Streaming API body that is not valid JSON because of one bad
/// record: a raw line break (or other control character) inside a string, a record cut short, a body
/// truncated in the middle of its last record. Azure producers have been seen to emit such bodies.
/// <para>
/// The body is scanned leniently (strings may hold raw control characters, the end may come early) to
/// find the <c>records</c> array and each element's bytes; each element is then checked with the strict
/// reader. A repaired copy of the body is built in which every broken element (with one adjacent comma)
/// is overwritten with spaces and a truncated tail is blanked and the array and object closed, so every
/// whole record keeps the <b>same byte offsets</b> as in the original body and the normal decoder reads
/// the copy. The broken parts are returned with their index in the array and their original bytes, to be
/// dead-lettered on their own. When nothing broken is found, or the copy still does not decode, the
/// caller dead-letters the whole body as before.
/// </para>
/// It runs on the text after <see cref="TextRepair"/> (no byte order mark, valid UTF-8), the text the records are read from.
/// Limits: only the first <c>records</c> array is salvaged (a body broken in a second one is dead-lettered whole);
/// the scan trusts quotes and brackets; a record broken so that a quote is missing is read up to
/// the next quote, so it and possibly the following records are dead-lettered together, never delivered wrong.
/// </summary>
internal static class MessageSalvage
{
    private static ReadOnlySpan<byte> RecordsName => "records"u8;

    /// <summary>
    /// Finds the broken elements of <paramref name="body"/>'s records array and writes the repaired copy
    /// into <paramref name="repaired"/> (grown as needed); returns its length, or -1 when there is nothing to salvage.
    /// </summary>
    public static int Repair(ReadOnlySpan<byte> body, ref byte[] repaired, List<BadRecord> broken)
    {
        broken.Clear();
        var position = FindRecordsArray(body);
        if (position < 0)
        {
            return -1;
        }

        var needed = body.Length + 2;
        if (repaired.Length < needed)
        {
            repaired = new byte[Math.Max(needed, repaired.Length * 2)];
        }

        body.CopyTo(repaired);
        var length = body.Length;
        var copy = repaired.AsSpan();
        var index = 0;
        var previousComma = -1;
        while (true)
        {
            position = SkipWhiteSpace(body, position);
            if (position >= body.Length)
            {
                // Cut short between two records: close what is open.
                if (previousComma >= 0)
                {
                    copy[previousComma] = (byte)' ';
                }

                break;
            }

            if (body[position] == (byte)']')
            {
                break;
            }

            var start = position;
            var end = ElementEnd(body, start);
            if (end < 0)
            {
                // Truncated inside this element: it and everything after it are the broken tail.
                broken.Add(new BadRecord(index, start..body.Length, DeadLetterReasons.RecordTruncated, "The message body ends inside this record: the record is cut short."));
                copy[start..body.Length].Fill((byte)' ');
                if (previousComma >= 0)
                {
                    copy[previousComma] = (byte)' ';
                }

                break;
            }

            var after = SkipWhiteSpace(body, end);
            var valid = IsValidJson(body[start..end]);
            if (!valid)
            {
                broken.Add(new BadRecord(index, start..end, DeadLetterReasons.RecordMalformed, "The record is not valid JSON (for example a raw line break inside a string); the rest of the message was delivered."));
                copy[start..end].Fill((byte)' ');
            }

            if (after < body.Length && body[after] == (byte)',')
            {
                if (!valid)
                {
                    copy[after] = (byte)' ';
                }
                else
                {
                    previousComma = after;
                }

                position = after + 1;
                index++;
                continue;
            }

            if (!valid && previousComma >= 0)
            {
                // The last element was broken: the comma before it now precedes nothing.
                copy[previousComma] = (byte)' ';
            }

            if (after >= body.Length)
            {
                break;
            }

            if (body[after] != (byte)']')
            {
                // Something that is neither a separator nor the end of the array: give up on the whole body.
                broken.Clear();
                return -1;
            }

            break;
        }

        if (broken.Count == 0)
        {
            return -1;
        }

        if (broken[^1].Reason == DeadLetterReasons.RecordTruncated || SkipWhiteSpace(body, position) >= body.Length)
        {
            "]}"u8.CopyTo(copy[length..]);
            length += 2;
        }

        return length;
    }

    private static bool IsValidJson(ReadOnlySpan<byte> element)
    {
        var reader = new Utf8JsonReader(element, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 });
        try
        {
            reader.Read();
            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // The position just after the '[' of the root object's "records" array, or -1.
    private static int FindRecordsArray(ReadOnlySpan<byte> body)
    {
        var position = SkipWhiteSpace(body, 0);
        if (position >= body.Length || body[position] != (byte)'{')
        {
            return -1;
        }

        position++;
        while (true)
        {
            position = SkipWhiteSpace(body, position);
            if (position >= body.Length || body[position] != (byte)'"')
            {
                return -1;
            }

            var keyEnd = StringEnd(body, position);
            if (keyEnd < 0)
            {
                return -1;
            }

            var isRecords = body[(position + 1)..(keyEnd - 1)].SequenceEqual(RecordsName);
            position = SkipWhiteSpace(body, keyEnd);
            if (position >= body.Length || body[position] != (byte)':')
            {
                return -1;
            }

            position = SkipWhiteSpace(body, position + 1);
            if (isRecords && position < body.Length && body[position] == (byte)'[')
            {
                return position + 1;
            }

            position = ElementEnd(body, position);
            if (position < 0)
            {
                return -1;
            }

            position = SkipWhiteSpace(body, position);
            if (position >= body.Length || body[position] != (byte)',')
            {
                return -1;
            }

            position++;
        }
    }

    // The position after the value starting at start (object, array, string or scalar), or -1 when the body ends first.
    private static int ElementEnd(ReadOnlySpan<byte> body, int start)
    {
        if (start >= body.Length)
        {
            return -1;
        }

        var first = body[start];
        if (first == (byte)'"')
        {
            return StringEnd(body, start);
        }

        if (first != (byte)'{' && first != (byte)'[')
        {
            var position = start;
            while (position < body.Length && body[position] is not ((byte)',' or (byte)']' or (byte)'}' or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                position++;
            }

            return position;
        }

        var depth = 0;
        for (var position = start; position < body.Length; position++)
        {
            switch (body[position])
            {
                case (byte)'"':
                    position = StringEnd(body, position);
                    if (position < 0)
                    {
                        return -1;
                    }

                    position--;
                    break;
                case (byte)'{' or (byte)'[':
                    depth++;
                    break;
                case (byte)'}' or (byte)']':
                    if (--depth == 0)
                    {
                        return position + 1;
                    }

                    break;
            }
        }

        return -1;
    }

    // The position after the closing quote of the string opening at start; raw control characters are taken as content.
    private static int StringEnd(ReadOnlySpan<byte> body, int start)
    {
        for (var position = start + 1; position < body.Length; position++)
        {
            if (body[position] == (byte)'\\')
            {
                position++;
            }
            else if (body[position] == (byte)'"')
            {
                return position + 1;
            }
        }

        return -1;
    }

    private static int SkipWhiteSpace(ReadOnlySpan<byte> body, int position)
    {
        while (position < body.Length && body[position] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            position++;
        }

        return position;
    }
}

/// <summary>An element of the records array that produced no record: its index, its bytes in the body and why.</summary>
internal readonly record struct BadRecord(int Index, Range Bytes, string Reason, string Detail);
