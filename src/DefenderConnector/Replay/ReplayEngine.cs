using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using DefenderConnector.Abstractions;
using DefenderConnector.Checkpoints;
using DefenderConnector.Decoding;
using DefenderConnector.Encoders;
using DefenderConnector.Mapping;

namespace DefenderConnector.Replay;

/// <summary>
/// Maps a saved file offline with the same mapper and encoders as a live pull: every top-level
/// value is classified (<see cref="ReplayShapeDetector"/>), containers are opened (Event Hub
/// bodies, OData pages, arrays), each record is mapped and encoded, one event per output line.
/// Bad values are dead-lettered with their line and the replay goes on. Single use: it holds the
/// input and the tallies of one replay.
/// </summary>
internal sealed partial class ReplayEngine
{
    private const int FlushThreshold = 256 * 1024;

    private readonly OcsfMapper _mapper;
    private readonly IEventEncoder _encoder;
    private readonly string _inputName;
    private readonly ArrayBufferWriter<byte> _ocsf = new(16 * 1024);
    private readonly ArrayBufferWriter<byte> _out = new(FlushThreshold + (64 * 1024));
    private readonly OcsfEventWriter _writer;
    private readonly ReplayTally _tally = new();
    private readonly IndexedMessage _message = new();
    private ReplayInput _input = null!;

    public ReplayEngine(OcsfMapper mapper, IEventEncoder encoder, string inputName)
    {
        _mapper = mapper;
        _encoder = encoder;
        _inputName = inputName;
        _writer = new OcsfEventWriter(
            new Utf8JsonWriter(_ocsf, new JsonWriterOptions { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }),
            encoder.ReadsTree ? new OcsfTree() : null);
    }

    public async Task<ReplaySummary> RunAsync(Stream input, Stream output, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await input.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        // The file is repaired by the same rule as a live body (TextRepair) before anything reads its strings,
        // so a replay and a pull of the same bytes write the same events.
        var data = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (TextRepair.NeedsRepair(data.Span))
        {
            var repaired = Array.Empty<byte>();
            var length = TextRepair.Repair(data.Span, ref repaired);
            data = repaired.AsMemory(0, length);
        }

        _input = ReplayInput.Read(data);
        if (_input.Problem is not null)
        {
            return _tally.ToSummary(_input.Problem);
        }

        var oneBody = IsOneBrokenBody();
        if (!oneBody && _input.Values.Count == 0 && !_input.BadLines.Any(b => _message.Decode(BadLineBody(b.Bytes), out _) is null))
        {
            return _tally.ToSummary(_input.NoValueProblem());
        }

        if (oneBody)
        {
            // One saved body that a raw line break (or several) split across lines: read whole, as the hub held it.
            var offset = WholeInputOffset();
            try
            {
                ReplayDecodedBody(WholeInput(), offset, _input.LineOf(offset));
            }
            catch (Exception e) when (Failures.IsRecoverable(e))
            {
                Truncate(0);
                _tally.Dead(_input.LineOf(offset), null, DeadLetterReasons.Unreadable, $"The value could not be read: {e.Message}");
            }
        }

        // Values and bad lines are each in input order and are replayed merged, so events keep the input's order;
        // the summary lists dead letters by line.
        var bad = oneBody ? _input.BadLines.Count : 0;
        foreach (var range in _input.Values)
        {
            while (bad < _input.BadLines.Count && _input.BadLines[bad].Bytes.Start.Value < range.Start.Value)
            {
                await ReplayGuardedAsync(_input.BadLines[bad++], default, output, cancellationToken).ConfigureAwait(false);
            }

            await ReplayGuardedAsync(null, range, output, cancellationToken).ConfigureAwait(false);
        }

        while (bad < _input.BadLines.Count)
        {
            await ReplayGuardedAsync(_input.BadLines[bad++], default, output, cancellationToken).ConfigureAwait(false);
        }

        await output.WriteAsync(_out.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        var summary = _tally.ToSummary(null);
        return summary with { DeadLetters = [.. summary.DeadLetters.OrderBy(d => d.Line).ThenBy(d => d.RecordIndex ?? -1)] };
    }

    private async Task ReplayGuardedAsync((long Line, Range Bytes, string Detail)? badLine, Range range, Stream output, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var mark = _out.WrittenCount;
        var start = badLine is { } b ? b.Bytes.Start.Value : range.Start.Value;
        try
        {
            if (badLine is { } line)
            {
                ReplayBadLine(line);
            }
            else
            {
                ReplayValue(range);
            }
        }
        catch (Exception e) when (Failures.IsRecoverable(e))
        {
            // A value nothing could read costs that value, never the replay; nothing half-written stays.
            Truncate(mark);
            _tally.Dead(_input.LineOf(start), null, DeadLetterReasons.Unreadable, $"The value could not be read: {e.Message}");
        }

        if (_out.WrittenCount >= FlushThreshold)
        {
            await output.WriteAsync(_out.WrittenMemory, cancellationToken).ConfigureAwait(false);
            _out.ResetWrittenCount();
        }
    }

    private void ReplayValue(Range range)
    {
        var bytes = _input.Data[range];
        using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 });
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in root.EnumerateArray())
            {
                ReplayItem(item, index++, null);
            }

            return;
        }

        if (ReplayShapeDetector.Detect(root) == ReplayShape.Page)
        {
            ReplayPage(root);
            return;
        }

        ReplayItem(root, null, null);
    }

    private void ReplayPage(JsonElement page)
    {
        var context = page.TryGetProperty("@odata.context", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        var index = 0;
        foreach (var item in page.GetProperty("value").EnumerateArray())
        {
            ReplayItem(item, index++, context);
        }
    }

    private void ReplayItem(JsonElement item, int? index, string? pageContext)
    {
        var offset = OffsetOf(item);
        var line = _input.LineOf(offset);
        var shape = ReplayShapeDetector.Detect(item, pageContext);
        if (shape == ReplayShape.EventHubBody)
        {
            ReplayBody(item, line);
            return;
        }

        // Saved responses are sometimes collected into one array: each page in it is opened.
        if (shape == ReplayShape.Page)
        {
            ReplayPage(item);
            return;
        }

        if (ReplayShapeDetector.KindOf(shape) is not { } kind)
        {
            var (reason, detail) = item.ValueKind == JsonValueKind.Object
                ? (ReplayReasons.UnknownShape, "The object is no Event Hub body, streaming record, Graph or legacy API page, incident or alert.")
                : (ReplayReasons.NotAnObject, $"The value is a JSON {item.ValueKind.ToString().ToLowerInvariant()}, not an object.");
            _tally.Dead(line, index, reason, detail);
            return;
        }

        var uid = ReplayUid.For(kind, item, _inputName, line, index ?? 0);
        MapOne(SingleLine(item), new RecordOrigin(kind, uid, null), line, index);
    }

    private void ReplayBody(JsonElement item, long bodyLine)
    {
        var body = SingleLine(item);

        // A pretty-printed body was compacted: its records no longer have their own lines.
        var offset = body.Overlaps(_input.Data.Span) ? OffsetOf(item) : -1;
        var failure = _message.Decode(body, out var detail);
        if (failure is not null)
        {
            _tally.Dead(bodyLine, null, failure, detail);
            return;
        }

        ReplayDecodedBody(body, offset, bodyLine);
    }

    /// <summary>Maps one object, or with <paramref name="indexedRecord"/> that record of the message <paramref name="json"/> (its whole body) last decoded, as the live pipeline does.</summary>
    private void MapOne(ReadOnlySpan<byte> json, in RecordOrigin origin, long line, int? index, int indexedRecord = -1)
    {
        _ocsf.ResetWrittenCount();
        _writer.Reset(_ocsf);
        MapResult result;
        try
        {
            result = indexedRecord >= 0 ? _message.Map(json, indexedRecord, origin, _writer) : _mapper.Map(json, origin, _writer);
            _writer.Flush();
        }
        catch (Exception e) when (Failures.IsRecoverable(e))
        {
            result = MapResult.Fail("Unknown", $"The mapper failed: {e.Message}");
        }

        if (result.Status == MapStatus.Failed)
        {
            _tally.Dead(line, index, ReplayReasons.RecordUnmappable, result.Detail ?? "The record could not be mapped.");
            return;
        }

        var mark = _out.WrittenCount;
        try
        {
            _encoder.Encode(_writer.Tree, _ocsf.WrittenMemory, _out);
        }
        catch (Exception e) when (Failures.IsRecoverable(e))
        {
            // Nothing half-written may reach the output: roll back to the last complete line.
            Truncate(mark);
            _tally.Dead(line, index, ReplayReasons.RecordUnmappable, $"The encoder failed: {e.Message}");
            return;
        }

        _out.Write("\n"u8);
        _tally.Written(result);
    }

    private void Truncate(int length)
    {
        var kept = _out.WrittenSpan[..length].ToArray();
        _out.ResetWrittenCount();
        _out.Write(kept);
    }

    /// <summary>
    /// The element's JSON on one line. Mappers copy parts of the record verbatim (the Base Event's
    /// <c>unmapped</c>), so a pretty-printed export would otherwise break the one-event-per-line
    /// output; compact input, the usual case, is passed through without a copy.
    /// </summary>
    private static ReadOnlySpan<byte> SingleLine(JsonElement element)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        if (raw.IndexOfAny((byte)'\n', (byte)'\r') < 0)
        {
            return raw;
        }

        var buffer = new ArrayBufferWriter<byte>(raw.Length);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            element.WriteTo(writer);
        }

        return buffer.WrittenSpan;
    }

    /// <summary>Where an element's JSON starts in the input: the document reads the input in place.</summary>
    private int OffsetOf(JsonElement element) =>
        (int)Unsafe.ByteOffset(ref MemoryMarshal.GetReference(_input.Data.Span), ref MemoryMarshal.GetReference(JsonMarshal.GetRawUtf8Value(element)));
}
