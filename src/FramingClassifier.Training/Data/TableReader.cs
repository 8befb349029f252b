namespace FramingClassifier.Training;

/// <summary>
/// Reads the requested columns of a TSV, CSV or JSONL file (or the lines of a plain text file as a
/// single column), streaming, with errors that name the file, line and column.
/// </summary>
public static class TableReader
{
    /// <summary>Lines (CSV: records, quotes and commas included) longer than this many characters are left out unread, as malformed records (4 Mi).</summary>
    public const int DefaultMaxLineChars = 1 << 22;

    /// <summary>Streams the values of <paramref name="columns"/> from every record of <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="columns">The columns to read.</param>
    /// <param name="format">The format; Auto picks it from the extension.</param>
    /// <param name="textColumns">How many of the first <paramref name="columns"/> hold text, which in JSONL must be strings.</param>
    /// <exception cref="DataFileException">A record is malformed or a column does not exist.</exception>
    public static IEnumerable<TableRow> Read(string path, IReadOnlyList<string> columns, DataFormat format = DataFormat.Auto, int textColumns = 0)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found.", path);
        return Read(() => new StreamReader(path), path, columns, DataFormats.Resolve(path, format), textColumns: textColumns);
    }

    /// <summary>Streams records from a reader that <paramref name="open"/> creates; <paramref name="name"/> names it in errors.</summary>
    /// <param name="open">Creates the reader; called once, when enumeration starts.</param>
    /// <param name="name">The name of the input in messages.</param>
    /// <param name="columns">The columns to read.</param>
    /// <param name="format">A resolved format (not Auto).</param>
    /// <param name="onBadRecord">
    /// When given, a record that can be skipped safely (a TSV or CSV row with the wrong number of fields,
    /// a JSONL line that is not a JSON object or holds a number where text belongs, a line longer than
    /// <paramref name="maxLineChars"/>) is passed here and skipped instead of ending the read.
    /// Errors after which the rest of the file cannot be trusted (a missing column in the header, a CSV
    /// quote never closed) are still thrown.
    /// </param>
    /// <param name="textColumns">How many of the first <paramref name="columns"/> hold text, which in JSONL must be strings.</param>
    /// <param name="maxLineChars">The longest line (CSV: record) read; longer ones are bad records, passed over without being held in memory.</param>
    public static IEnumerable<TableRow> Read(Func<TextReader> open, string name, IReadOnlyList<string> columns, DataFormat format,
        Action<DataFileException>? onBadRecord = null, int textColumns = 0, int maxLineChars = DefaultMaxLineChars)
    {
        Action<DataFileException> bad = onBadRecord ?? (e => throw e);
        return format switch
        {
            DataFormat.Tsv or DataFormat.Csv => DelimitedReader.Read(open, name, columns, format, maxLineChars, bad),
            DataFormat.Jsonl => JsonlParser.Parse(open, name, columns, textColumns, maxLineChars, bad),
            DataFormat.Text => PlainLines(open, name, maxLineChars, bad),
            _ => throw new ArgumentException($"Unresolved format {format} for {name}.", nameof(format)),
        };
    }

    internal static int[] MapColumns(string name, string[] header, IReadOnlyList<string> columns)
    {
        var map = new int[columns.Count];
        for (int c = 0; c < columns.Count; c++)
        {
            map[c] = Array.IndexOf(header, columns[c]);
            if (map[c] < 0)
                throw new DataFileException(name, 1, 1, $"no column '{columns[c]}'. Columns: {string.Join(", ", header)}.");
        }
        return map;
    }

    private static IEnumerable<TableRow> PlainLines(Func<TextReader> open, string name, int maxLineChars, Action<DataFileException> onBadRecord)
    {
        using TextReader reader = open();
        var lines = new LineReader(reader, maxLineChars);
        long line = 0;
        while (lines.ReadLine(out bool tooLong) is { } text)
        {
            line++;
            if (tooLong) onBadRecord(LineReader.TooLong(name, line, maxLineChars));
            else yield return new TableRow(name, line, [text]) { Columns = [1] };
        }
    }
}
