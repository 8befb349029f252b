namespace FramingClassifier.Training;

/// <summary>A record of a table: where it starts and its fields, in the order the reader was asked for.</summary>
/// <param name="File">The file it came from.</param>
/// <param name="Line">The line it starts on, 1-based.</param>
/// <param name="Values">One value per requested column; null where a JSONL object lacks the field.</param>
public sealed record TableRow(string File, long Line, string?[] Values)
{
    /// <summary>The column (1-based, on <see cref="Line"/>) where each value starts, for messages; null when unknown.</summary>
    /// <remarks>In JSONL, the column of the field's key.</remarks>
    public int[]? Columns { get; init; }

    /// <summary>
    /// The column of character <paramref name="index"/> of value <paramref name="value"/>: exact in TSV and plain
    /// text, which hold values verbatim; elsewhere (quoting, escapes) the column where the value starts.
    /// </summary>
    public int ColumnOf(int value, int index, DataFormat format) => ColumnIn(Columns is null ? 1 : Columns[value], index, format);

    /// <summary>The column of character <paramref name="index"/> of a value that starts at <paramref name="start"/>, as <see cref="ColumnOf(int, int, DataFormat)"/>.</summary>
    public static int ColumnIn(int start, int index, DataFormat format) => start + (format is DataFormat.Tsv or DataFormat.Text ? index : 0);
}
