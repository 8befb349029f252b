using System.Globalization;
using nietras.SeparatedValues;

namespace FramingClassifier.Training;

/// <summary>
/// TSV and CSV records, split by Sep: the header maps the requested columns, and each later record
/// gives their values and the columns they start at. TSV has no quoting; CSV quoting is RFC 4180
/// (<see cref="CsvQuotes"/>). Blank lines are skipped.
/// </summary>
internal sealed class DelimitedReader
{
    private readonly string _name;
    private readonly IReadOnlyList<string> _columns;
    private readonly bool _csv;
    private readonly int _maxChars;
    private readonly Action<DataFileException> _onBadRecord;
    private int[]? _map;
    private int _width;

    private DelimitedReader(string name, IReadOnlyList<string> columns, bool csv, int maxChars, Action<DataFileException> onBadRecord) =>
        (_name, _columns, _csv, _maxChars, _onBadRecord) = (name, columns, csv, maxChars, onBadRecord);

    /// <summary>Streams the values of <paramref name="columns"/>, as <see cref="TableReader"/> describes.</summary>
    public static IEnumerable<TableRow> Read(Func<TextReader> open, string name, IReadOnlyList<string> columns, DataFormat format, int maxChars,
        Action<DataFileException> onBadRecord)
    {
        bool csv = format == DataFormat.Csv;
        using var limited = new RecordLengthLimit(open(), maxChars, csv);
        using SepReader sep = Sep.Reader(o => o with { Sep = new Sep(csv ? ',' : '\t'), HasHeader = false, DisableColCountCheck = true, DisableQuotesParsing = !csv })
            .From(limited);
        var records = new DelimitedReader(name, columns, csv, maxChars, onBadRecord);
        while (sep.MoveNext())
            if (records.Next(sep.Current, limited.Dropped) is { } row) yield return row;
        records.End(limited);
    }

    private TableRow? Next(SepReader.Row row, Queue<long> dropped)
    {
        // Sep numbers its first row from the line after it.
        long line = row.RowIndex == 0 ? 1 : row.LineNumberFrom;
        while (dropped.TryPeek(out long next) && next <= line) _onBadRecord(TooLong(dropped.Dequeue()));
        if (row.ColCount == 1 && row.Span.IsEmpty) return null;
        int[] starts = Starts(row);
        var at = new Place(row.Span, line, row.LineNumberToExcl - line > 1);
        if (_csv && row.Span.Contains('"')) CheckQuotes(row, starts, at);
        if (_map is null) MapHeader(row);
        else if (row.ColCount != _width) _onBadRecord(WrongWidth(row, starts, at));
        else return Values(row, starts, at, _map);
        return null;
    }

    private void MapHeader(SepReader.Row row)
    {
        var header = new string[row.ColCount];
        for (int i = 0; i < header.Length; i++) header[i] = Value(row[i].Span);
        _map = TableReader.MapColumns(_name, header, _columns);
        _width = header.Length;
    }

    // Located where the first extra field starts, or at the end of the record when fields are missing.
    private DataFileException WrongWidth(SepReader.Row row, int[] starts, Place at)
    {
        int offset = row.ColCount > _width ? starts[_width] : starts[^1] + row[^1].Span.Length;
        return new DataFileException(_name, at.Line(offset), at.Column(offset), $"expected {_width} fields as in the header, found {row.ColCount}.");
    }

    private TableRow Values(SepReader.Row row, int[] starts, Place at, int[] map)
    {
        var values = new string?[map.Length];
        var columns = new int[map.Length];
        for (int c = 0; c < map.Length; c++)
            (values[c], columns[c]) = (Value(row[map[c]].Span), at.Column(starts[map[c]]));
        return new TableRow(_name, at.Line(0), values) { Columns = columns };
    }

    // The offset of each field in the record's text.
    private static int[] Starts(SepReader.Row row)
    {
        var starts = new int[row.ColCount];
        for (int i = 1; i < starts.Length; i++) starts[i] = starts[i - 1] + row[i - 1].Span.Length + 1;
        return starts;
    }

    private void CheckQuotes(SepReader.Row row, int[] starts, Place at)
    {
        for (int i = 0; i < starts.Length; i++)
            if (CsvQuotes.Problem(row[i].Span, at.Line(starts[i])) is var (offset, message))
                throw new DataFileException(_name, at.Line(starts[i] + offset), at.Column(starts[i] + offset), message);
    }

    private string Value(ReadOnlySpan<char> field) => _csv ? CsvQuotes.Value(field) : new string(field);

    private void End(RecordLengthLimit limited)
    {
        while (limited.Dropped.TryDequeue(out long at)) _onBadRecord(TooLong(at));
        if (limited.UnclosedQuote is { } line)
            throw new DataFileException(_name, line, 1, "a quoted field is never closed: the record from here runs to the end of the file.");
        if (_map is null) throw new DataFileException(_name, 1, 1, "the file is empty: a header line is required.");
    }

    private DataFileException TooLong(long line) => _csv
        ? new(_name, line, 1, string.Create(CultureInfo.InvariantCulture, $"the record is longer than {_maxChars:N0} characters; it is left out unread."))
        : LineReader.TooLong(_name, line, _maxChars);

    /// <summary>The line and column (1-based) of an offset in a record that starts on line <c>start</c>; a quoted CSV field may span lines.</summary>
    private readonly ref struct Place(ReadOnlySpan<char> text, long start, bool multiline)
    {
        private readonly ReadOnlySpan<char> _text = text;

        public long Line(int offset) => multiline ? start + CsvQuotes.LineBreaks(_text[..offset]) : start;

        public int Column(int offset) => multiline ? offset - _text[..offset].LastIndexOfAny('\n', '\r') : offset + 1;
    }
}
