using System.Text.Json;
using DefenderConnector.Checkpoints;

namespace DefenderConnector.Decoding;

/// <summary>
/// Finds the records of a Defender Streaming API message body, <c>{"records":[{...},{...}]}</c>,
/// without materializing them: each record is returned as the byte range of its JSON object.
/// The whole body is tokenized before any record is returned, so a body that is not JSON is
/// dead-lettered as a whole and never half-delivered.
/// </summary>
internal static class EnvelopeDecoder
{
    private static ReadOnlySpan<byte> RecordsName => "records"u8;

    /// <summary>Adds each record's range to <paramref name="records"/>; elements that are not objects become <paramref name="badRecords"/>.</summary>
    /// <returns>Null on success, else a dead-letter reason for the whole message with <paramref name="detail"/>.</returns>
    public static string? Decode(ReadOnlySpan<byte> body, List<Range> records, List<(int Index, Range Bytes)> badRecords, out string detail) =>
        Decode(body, records, badRecords, default(SkipRecords), out detail);

    /// <summary>
    /// As <see cref="Decode(ReadOnlySpan{byte}, List{Range}, List{ValueTuple{int, Range}}, out string)"/>, handing each
    /// record object to <paramref name="recordReader"/> in the same pass (see <see cref="IndexedMessage"/>).
    /// </summary>
    public static string? Decode<TReader>(ReadOnlySpan<byte> body, List<Range> records, List<(int Index, Range Bytes)> badRecords, TReader recordReader, out string detail)
        where TReader : IRecordReader
    {
        detail = string.Empty;
        if (body.IsEmpty || body.Trim(" \t\r\n"u8).IsEmpty)
        {
            detail = "The message body is empty.";
            return DeadLetterReasons.EmptyBody;
        }

        var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 });
        var start = records.Count;
        var badStart = badRecords.Count;
        var sawRecords = false;
        var index = 0;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                detail = "The message body is JSON but not an object; expected {\"records\":[...]}.";
                SkipToEnd(ref reader);
                return DeadLetterReasons.NoRecordsArray;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isRecords = reader.ValueTextEquals(RecordsName);
                reader.Read();
                // A body with a second "records" array (duplicate keys) keeps both: every record of
                // every array is delivered, numbered on from the first, rather than one silently dropped.
                if (isRecords && reader.TokenType == JsonTokenType.StartArray)
                {
                    sawRecords = true;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        var from = (int)reader.TokenStartIndex;
                        var isObject = reader.TokenType == JsonTokenType.StartObject;
                        if (isObject)
                        {
                            recordReader.Read(ref reader);
                        }
                        else
                        {
                            reader.Skip();
                        }

                        var to = (int)reader.BytesConsumed;
                        if (isObject)
                        {
                            records.Add(from..to);
                        }
                        else
                        {
                            badRecords.Add((index, from..to));
                        }

                        index++;
                    }
                }
                else
                {
                    reader.Skip();
                }
            }

            // Anything after the root object other than white space makes the body invalid JSON.
            SkipToEnd(ref reader);
        }
        catch (JsonException e)
        {
            records.RemoveRange(start, records.Count - start);
            badRecords.RemoveRange(badStart, badRecords.Count - badStart);
            detail = $"The message body is not valid JSON: {e.Message}";
            return DeadLetterReasons.NotJson;
        }
        catch (Exception e) when (Failures.IsRecoverable(e))
        {
            // Whatever else the reader or a record reader throws (text it cannot read as a string, a
            // value out of range) costs this message, never the partition.
            records.RemoveRange(start, records.Count - start);
            badRecords.RemoveRange(badStart, badRecords.Count - badStart);
            detail = $"The message body could not be read: {e.Message}";
            return DeadLetterReasons.Unreadable;
        }

        if (!sawRecords)
        {
            detail = "The message body is a JSON object without a \"records\" array.";
            return DeadLetterReasons.NoRecordsArray;
        }

        return null;
    }

    private static void SkipToEnd(ref Utf8JsonReader reader)
    {
        reader.Skip();
        while (reader.Read())
        {
            // A second top-level value: Utf8JsonReader throws unless multiple values are allowed.
        }
    }

    private readonly struct SkipRecords : IRecordReader
    {
        public void Read(ref Utf8JsonReader reader) => reader.Skip();
    }
}

/// <summary>What <see cref="EnvelopeDecoder"/> does with each record object while it validates the body.</summary>
internal interface IRecordReader
{
    /// <summary>The reader is on the record's StartObject; leave it on the matching EndObject. Invalid JSON throws.</summary>
    void Read(ref Utf8JsonReader reader);
}
