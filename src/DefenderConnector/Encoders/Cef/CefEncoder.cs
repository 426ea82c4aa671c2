using System.Buffers;
using System.Text;

namespace DefenderConnector.Encoders.Cef;

/// <summary>
/// ArcSight CEF rev. 25, one line per event, usable as a syslog payload (FortiSIEM, ArcSight,
/// QRadar): <c>CEF:0|Microsoft|Defender XDR|version|signature|name|severity|extension</c>.
/// The signature is the detection rule id for findings (what ArcSight groups by) and the OCSF
/// <c>type_uid</c> otherwise; see <c>Encoders/README.md</c> for the key table.
/// </summary>
internal sealed class CefEncoder : IEventEncoder
{
    private readonly string _connectorVersion;

    /// <param name="connectorVersion">Device Version when the event names no product version.</param>
    public CefEncoder(string connectorVersion) => _connectorVersion = connectorVersion;

    public string Format => "cef";

    public bool ReadsTree => true;

    // The line is built from the tree alone: the mapper writes no OCSF JSON for CEF.
    public bool ReadsJson => false;

    public void Encode(OcsfTree? tree, ReadOnlyMemory<byte> ocsfEvent, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(tree);
        // The line goes from the builder to UTF-8 chunk by chunk, never as one string.
        var builder = Build(new OcsfView(tree.Root));
        var utf8 = t_utf8 ??= Encoding.UTF8.GetEncoder();
        utf8.Reset();
        foreach (var chunk in builder.GetChunks())
        {
            var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(chunk.Length));
            output.Advance(utf8.GetBytes(chunk.Span, span, flush: false));
        }

        output.Advance(utf8.GetBytes([], output.GetSpan(8), flush: true));
    }

    // One builder and extension per thread, reused event after event (partitions encode concurrently).
    [ThreadStatic]
    private static StringBuilder? t_builder;
    [ThreadStatic]
    private static CefExtension? t_extension;

    [ThreadStatic]
    private static Encoder? t_utf8;

    public string Encode(OcsfView e) => Build(e).ToString();

    /// <summary>The line in this thread's builder (valid until its next event).</summary>
    private StringBuilder Build(OcsfView e)
    {
        var classUid = e.Long("class_uid");
        var builder = t_builder ??= new StringBuilder(1024);
        builder.Clear();
        // Vendor and product are fixed: SIEM parsers select their rules on them.
        builder.Append("CEF:0|Microsoft|Defender XDR|");
        CefEscaping.AppendHeader(builder, (e.Chars("metadata.product.version") ?? _connectorVersion.AsMemory()).Span);
        builder.Append('|');
        CefEscaping.AppendHeader(builder, SignatureId(e).Span);
        builder.Append('|');
        CefEscaping.AppendHeader(builder, Name(e, classUid).Span);
        builder.Append('|');
        builder.Append(CefSeverity.FromOcsf(e.Long("severity_id")));
        builder.Append('|');
        var extension = t_extension ??= new CefExtension();
        extension.Clear();
        CefFields.Fill(e, classUid, extension);
        CefClassFields.Fill(e, classUid, extension);
        extension.AppendTo(builder);
        return builder;
    }

    // Header values are read in place from the event's tree, as extension values are.
    private static ReadOnlyMemory<char> SignatureId(OcsfView e) =>
        e.Chars("finding_info.analytic.uid") ?? e.Chars("type_uid") ?? e.Chars("class_uid") ?? "0".AsMemory();

    private static ReadOnlyMemory<char> Name(OcsfView e, long? classUid) =>
        e.Chars("finding_info.title")
        ?? (classUid == 2005 ? e.Chars("message") ?? e.Chars("desc") : null)
        ?? e.Chars("type_name")
        ?? e.Chars("class_name")
        ?? "Unknown".AsMemory();
}
