using System.Text.Json;

namespace DefenderConnector.Mapping;

/// <summary>
/// Where one property of a record sits: its name, its raw JSON value and its decoded value (an
/// unescaped string lives in the row's arena). Filled by <see cref="RowReader"/>; <see cref="Used"/>
/// is set when a mapper places the value, so whatever is left goes under <c>unmapped</c>.
/// </summary>
internal struct Cell
{
    public int NameStart;
    public int NameLength;
    public int RawStart;
    public int RawLength;
    public int ValueStart;
    public int ValueLength;
    public JsonTokenType Token;
    public bool InArena;
    public bool Used;
    public short Column;

    /// <summary>For a string cell: 0 not checked yet, 1 its text is one JSON object or array, -1 it is not (see <see cref="Row.IsJsonText"/>).</summary>
    public sbyte JsonText;
}
