using DefenderConnector.Mapping;

namespace DefenderConnector.Replay;

/// <content>Streaming API bodies, decoded as a live pull decodes them: the records of a decoded body, and lines that are not JSON salvaged or dead-lettered.</content>
internal sealed partial class ReplayEngine
{
    /// <summary>
    /// A line that is not JSON goes to the live path's decoder as a Streaming API body: a body with one broken
    /// record or a cut-short tail has its whole records replayed and its broken parts dead-lettered with their
    /// reasons, exactly as a pull of that body (see MessageSalvage). Anything the decoder cannot read is
    /// dead-lettered whole, as before.
    /// </summary>
    private void ReplayBadLine((long Line, Range Bytes, string Detail) badLine)
    {
        var body = BadLineBody(badLine.Bytes);
        if (_message.Decode(body, out _) is not null)
        {
            _tally.Dead(badLine.Line, null, ReplayReasons.NotJson, $"The line is not JSON: {badLine.Detail}");
            return;
        }

        ReplayDecodedBody(body, badLine.Bytes.Start.Value, badLine.Line);
    }

    /// <summary>
    /// True when no line of the input is JSON on its own but the whole input decodes as one Streaming API body (with
    /// salvage) that yields at least as many records as its lines decoded one by one: a body saved to a file with a
    /// raw line break inside a string, which a pull of that body salvages (whole records delivered, the broken record
    /// <c>RecordMalformed</c>). A file of several bodies never decodes as one, and where a line holds a value of its
    /// own the file is read line by line. On true, the whole input is left decoded in <see cref="_message"/>.
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
            byLines += _message.Decode(BadLineBody(bytes), out _) is null ? _message.Records.Count : 0;
        }

        return _message.Decode(WholeInput(), out _) is null && _message.Records.Count >= byLines;
    }

    private ReadOnlySpan<byte> WholeInput() => _input.Data.Span[WholeInputOffset()..].TrimEnd(" \t\r\n"u8);

    private int WholeInputOffset() => _input.Data.Span.Length - _input.Data.Span.TrimStart(" \t\r\n"u8).Length;

    private ReadOnlySpan<byte> BadLineBody(Range bytes) => _input.Data.Span[bytes].TrimEnd("\r\n"u8);

    /// <summary>Replays the records of <paramref name="body"/>, just decoded by <see cref="_message"/>; <paramref name="offset"/> is where it starts in the input, or -1.</summary>
    private void ReplayDecodedBody(ReadOnlySpan<byte> body, int offset, long bodyLine)
    {
        long LineAt(int position) => offset < 0 ? bodyLine : _input.LineOf(offset + position);

        // Records are read from the decoded text, as in a live pull (a byte order mark dropped, or repaired).
        var skipped = body.Length - _message.DecodedBody(body).Length;
        offset = offset >= 0 && !_message.Repaired ? offset + skipped : -1;
        body = _message.DecodedBody(body);

        var badRecords = _message.BadRecords;
        foreach (var badRecord in badRecords)
        {
            _tally.Dead(LineAt(badRecord.Bytes.Start.Value), badRecord.Index, badRecord.Reason, badRecord.Detail);
        }

        // Record indexes count every element, bad ones included, as the live pipeline does.
        var recordIndex = 0;
        var bad = 0;
        for (var record = 0; record < _message.Records.Count; record++)
        {
            var range = _message.Records[record];
            while (bad < badRecords.Count && badRecords[bad].Index == recordIndex)
            {
                bad++;
                recordIndex++;
            }

            var line = LineAt(range.Start.Value);
            var uid = ReplayUid.ForFileRecord(_inputName, bodyLine, recordIndex);
            MapOne(body, new RecordOrigin(RecordKind.StreamingRecord, uid, null), line, recordIndex, record);
            recordIndex++;
        }
    }
}
