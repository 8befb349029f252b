namespace FramingClassifier.Training;

/// <summary>
/// Reads the requested columns of a TSV, CSV or JSONL file (or the lines of a plain text file as a
/// single column), streaming, with errors that name the file, line and column.
/// </summary>
public static class TableReader
{
    /// <summary>Streams the values of <paramref name="columns"/> from every record of <paramref name="path"/>.</summary>
    /// <exception cref="DataFileException">A record is malformed or a column does not exist.</exception>
    public static IEnumerable<TableRow> Read(string path, IReadOnlyList<string> columns, DataFormat format = DataFormat.Auto)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found.", path);
        return Read(() => new StreamReader(path), path, columns, DataFormats.Resolve(path, format));
    }

    /// <summary>Streams records from a reader that <paramref name="open"/> creates; <paramref name="name"/> names it in errors.</summary>
    /// <param name="open">Creates the reader; called once, when enumeration starts.</param>
    /// <param name="name">The name of the input in messages.</param>
    /// <param name="columns">The columns to read.</param>
    /// <param name="format">A resolved format (not Auto).</param>
    /// <param name="onBadRecord">
    /// When given, a record that can be skipped safely (a TSV or CSV row with the wrong number of fields,
    /// a JSONL line that is not a JSON object) is passed here and skipped instead of ending the read.
    /// Errors after which the rest of the file cannot be trusted (a missing column in the header, a CSV
    /// quote never closed) are still thrown.
    /// </param>
    public static IEnumerable<TableRow> Read(Func<TextReader> open, string name, IReadOnlyList<string> columns, DataFormat format,
        Action<DataFileException>? onBadRecord = null)
    {
        return format switch
        {
            DataFormat.Tsv => Delimited(open, name, columns, TsvParser.Parse, onBadRecord),
            DataFormat.Csv => Delimited(open, name, columns, CsvParser.Parse, onBadRecord),
            DataFormat.Jsonl => JsonlParser.Parse(open, name, columns, onBadRecord),
            DataFormat.Text => PlainLines(open, name),
            _ => throw new ArgumentException($"Unresolved format {format} for {name}.", nameof(format)),
        };
    }

    private static IEnumerable<TableRow> Delimited(Func<TextReader> open, string name, IReadOnlyList<string> columns,
        Func<TextReader, string, IEnumerable<(long Line, string[] Fields)>> parse, Action<DataFileException>? onBadRecord)
    {
        using TextReader reader = open();
        int[]? map = null;
        int width = 0;
        foreach (var (line, fields) in parse(reader, name))
        {
            if (map is null)
            {
                map = MapColumns(name, fields, columns);
                width = fields.Length;
                continue;
            }
            if (fields.Length != width)
            {
                var error = new DataFileException(name, line, ColumnOfField(fields, width), $"expected {width} fields as in the header, found {fields.Length}.");
                if (onBadRecord is null) throw error;
                onBadRecord(error);
                continue;
            }
            var values = new string?[map.Length];
            for (int c = 0; c < map.Length; c++) values[c] = fields[map[c]];
            yield return new TableRow(name, line, values);
        }
        if (map is null) throw new DataFileException(name, 1, 1, "the file is empty: a header line is required.");
    }

    // Where the first missing or extra field starts: the end of the line when fields are missing.
    private static int ColumnOfField(string[] fields, int width)
    {
        int column = 1;
        for (int i = 0; i < Math.Min(width, fields.Length); i++) column += fields[i].Length + 1;
        return fields.Length < width ? column - 1 : column;
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

    private static IEnumerable<TableRow> PlainLines(Func<TextReader> open, string name)
    {
        using TextReader reader = open();
        long line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            yield return new TableRow(name, line, [text]);
        }
    }
}
