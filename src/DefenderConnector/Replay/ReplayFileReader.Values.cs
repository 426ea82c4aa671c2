using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using DefenderConnector.Checkpoints;
using DefenderConnector.Mapping;
using DefenderConnector.Pulling;

namespace DefenderConnector.Replay;

/// <content>
/// How the file's values become items: every top-level value is classified (<see cref="ReplayShapeDetector"/>),
/// containers are opened (Event Hub bodies, OData pages, arrays), lines that are not JSON go to the Streaming API
/// decoder as bodies. What cannot be read is handed over as a dead object with its line.
/// </content>
internal sealed partial class ReplayFileReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 };

    private void QueueValue(Range range)
    {
        try
        {
            using var document = JsonDocument.Parse(_input.Data[range], DocumentOptions);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var item in root.EnumerateArray())
                {
                    QueueElement(item, index++, null);
                }
            }
            else if (ReplayShapeDetector.Detect(root) == ReplayShape.Page)
            {
                QueuePage(root);
            }
            else
            {
                QueueElement(root, null, null);
            }
        }
        catch (Exception e) when (Failures.IsRecoverable(e))
        {
            // A value nothing could read costs that value, never the replay; nothing of it is handed over.
            _pending.Clear();
            _next = 0;
            QueueDead(_input.Data[range], _input.LineOf(range.Start.Value), null, DeadLetterReasons.Unreadable, $"The value could not be read: {e.Message}");
        }
    }

    private void QueuePage(JsonElement page)
    {
        var context = page.TryGetProperty("@odata.context", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        var index = 0;
        foreach (var item in page.GetProperty("value").EnumerateArray())
        {
            QueueElement(item, index++, context);
        }
    }

    private void QueueElement(JsonElement item, int? index, string? pageContext)
    {
        var offset = OffsetOf(item);
        var line = _input.LineOf(offset);
        var shape = ReplayShapeDetector.Detect(item, pageContext);
        if (shape == ReplayShape.EventHubBody)
        {
            // Decoded by the engine as a live body; a pretty-printed body is compacted, so its records share its line.
            QueueMessage(SingleLine(item, offset), line, offset);
            return;
        }

        // Saved responses are sometimes collected into one array: each page in it is opened.
        if (shape == ReplayShape.Page)
        {
            QueuePage(item);
            return;
        }

        if (ReplayShapeDetector.KindOf(shape) is not { } kind)
        {
            var (reason, detail) = item.ValueKind == JsonValueKind.Object
                ? (ReplayReasons.UnknownShape, "The object is no Event Hub body, streaming record, Graph or legacy API page, incident or alert.")
                : (ReplayReasons.NotAnObject, $"The value is a JSON {item.ValueKind.ToString().ToLowerInvariant()}, not an object.");
            QueueDead(SingleLine(item, offset), line, index, reason, detail);
            return;
        }

        var uid = ReplayUid.For(kind, item, _inputName, line, index ?? 0);
        _pending.Add(new Item(false, default, new ReadObject(SingleLine(item, offset), new RecordOrigin(kind, uid, null), Sequence: line, RecordIndex: index)));
    }

    /// <summary>
    /// A line that is not JSON goes to the Streaming API decoder as a body: a body with one broken record or a
    /// cut-short tail has its whole records replayed and its broken parts dead-lettered with their reasons, exactly
    /// as a pull of that body (see MessageSalvage). Anything the decoder cannot read is dead-lettered whole.
    /// </summary>
    private void QueueBadLine((long Line, Range Bytes, string Detail) badLine)
    {
        var body = BadLineBody(badLine.Bytes);
        if (_probe.Decode(body.Span, out _) is not null)
        {
            QueueDead(body, badLine.Line, null, ReplayReasons.NotJson, $"The line is not JSON: {badLine.Detail}");
            return;
        }

        QueueMessage(body, badLine.Line, badLine.Bytes.Start.Value);
    }

    /// <summary>
    /// The whole input as one body (see <see cref="IsOneBrokenBody"/>). Its records span lines, so the line of each
    /// record is noted for its dead letter, by the rule the engine decodes with (records are read from the decoded text).
    /// </summary>
    private void QueueOneBody()
    {
        var offset = WholeInputOffset();
        var body = _input.Data[offset..];
        body = body[..body.Span.TrimEnd(" \t\r\n"u8).Length];
        var bodyLine = _input.LineOf(offset);
        _probe.Decode(body.Span, out _);
        var decoded = _probe.DecodedBody(body.Span);
        var at = _probe.Repaired ? -1 : offset + body.Length - decoded.Length;
        long LineAt(int position) => at < 0 ? bodyLine : _input.LineOf(at + position);

        _oneBodyLines = [];
        foreach (var bad in _probe.BadRecords)
        {
            _oneBodyLines[bad.Index] = LineAt(bad.Bytes.Start.Value);
        }

        // Record indexes count every element, bad ones included, as the engine does.
        var recordIndex = 0;
        var badCursor = 0;
        for (var record = 0; record < _probe.Records.Count; record++)
        {
            while (badCursor < _probe.BadRecords.Count && _probe.BadRecords[badCursor].Index == recordIndex)
            {
                badCursor++;
                recordIndex++;
            }

            _oneBodyLines[recordIndex++] = LineAt(_probe.Records[record].Start.Value);
        }

        QueueMessage(body, bodyLine, offset);
    }

    private void QueueMessage(ReadOnlyMemory<byte> body, long line, int offset) =>
        _pending.Add(new Item(true, new SourceMessage(body, _inputName, line, offset.ToString(CultureInfo.InvariantCulture), default), default));

    private void QueueDead(ReadOnlyMemory<byte> raw, long line, int? index, string reason, string detail) =>
        _pending.Add(new Item(false, default, new ReadObject(raw, default, reason, detail, line, index)));

    /// <summary>
    /// True when no line of the input is JSON on its own but the whole input decodes as one Streaming API body (with
    /// salvage) that yields at least as many records as its lines decoded one by one: a body saved to a file with a
    /// raw line break inside a string, which a pull of that body salvages (whole records delivered, the broken record
    /// <c>RecordMalformed</c>). A file of several bodies never decodes as one, and where a line holds a value of its
    /// own the file is read line by line.
    /// </summary>
    private bool IsOneBrokenBody()
    {
        if (!_input.LineMode || _input.Values.Count > 0 || _input.BadLines.Count < 2)
        {
            return false;
        }

        var byLines = 0;
        foreach (var (_, bytes, _) in _input.BadLines)
        {
            byLines += _probe.Decode(BadLineBody(bytes).Span, out _) is null ? _probe.Records.Count : 0;
        }

        var offset = WholeInputOffset();
        return _probe.Decode(_input.Data.Span[offset..].TrimEnd(" \t\r\n"u8), out _) is null && _probe.Records.Count >= byLines;
    }

    private int WholeInputOffset() => _input.Data.Span.Length - _input.Data.Span.TrimStart(" \t\r\n"u8).Length;

    private ReadOnlyMemory<byte> BadLineBody(Range bytes)
    {
        var line = _input.Data[bytes];
        return line[..line.Span.TrimEnd("\r\n"u8).Length];
    }

    /// <summary>
    /// The element's JSON on one line. Mappers copy parts of the record verbatim (the Base Event's
    /// <c>unmapped</c>), so a pretty-printed export would otherwise break the one-event-per-line
    /// output; compact input, the usual case, is handed over in place.
    /// </summary>
    private ReadOnlyMemory<byte> SingleLine(JsonElement element, int offset)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        if (raw.IndexOfAny((byte)'\n', (byte)'\r') < 0)
        {
            return _input.Data.Slice(offset, raw.Length);
        }

        var buffer = new ArrayBufferWriter<byte>(raw.Length);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            element.WriteTo(writer);
        }

        return buffer.WrittenMemory;
    }

    /// <summary>Where an element's JSON starts in the input: the document reads the input in place.</summary>
    private int OffsetOf(JsonElement element) =>
        (int)Unsafe.ByteOffset(ref MemoryMarshal.GetReference(_input.Data.Span), ref MemoryMarshal.GetReference(JsonMarshal.GetRawUtf8Value(element)));
}
