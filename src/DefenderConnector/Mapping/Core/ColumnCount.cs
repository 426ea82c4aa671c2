namespace DefenderConnector.Mapping;

/// <summary>The size of a per-record index over <see cref="Column"/>.</summary>
internal static class ColumnCount
{
    public static readonly int Value = Enum.GetValues<Column>().Length;
}
