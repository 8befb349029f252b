using System.Text;
using FramingClassifier.Training;

namespace FramingClassifier.Cli.Batch;

/// <summary>Which input to score and which of its columns to read.</summary>
/// <param name="MaxLineChars">Longer lines (CSV: records) are skipped without being read into memory.</param>
internal sealed record InputOptions(string Path, DataFormat Format, string TextColumn, string? IdColumn, string[] KeepColumns,
    int MaxLineChars = TableReader.DefaultMaxLineChars)
{
    /// <summary>An Apache Parquet file (or standard input holding one) whose columns are found by name in its schema.</summary>
    public bool Parquet { get; init; }
}

/// <summary>
/// Streams the records of a batch input for scoring: a file, stdin, or a directory whose .txt files
/// are one document each (named by their path in the directory). Records that cannot be scored
/// (empty, not valid UTF-8, malformed) go to the <see cref="SkipLog"/> and the read goes on. A binary
/// file (a NUL byte near its start) is refused as a whole, unless it is Parquet, where a record's line
/// is its row number from 1.
/// </summary>
internal sealed class BatchInput
{
    private readonly InputOptions _options;
    private readonly SkipLog _skips;
    private FileStream? _file;
    private readonly long _length;
    private readonly string[]? _documents;
    private long _documentBytes;
    private long _unplaced;

    public BatchInput(InputOptions options, SkipLog skips)
    {
        _options = options;
        _skips = skips;
        if (Directory.Exists(options.Path))
        {
            _documents = [.. Directory.EnumerateFiles(options.Path, "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];
            _length = _documents.Sum(f => new FileInfo(f).Length);
        }
        // Parquet values are located like CSV ones: by the column where the value starts, with no offset within it.
        Format = options.Parquet ? DataFormat.Csv
            : _documents is not null || (options.Path == "-" && options.Format == DataFormat.Auto) ? DataFormat.Text : DataFormats.Resolve(options.Path, options.Format);
        if (Format == DataFormat.Text && (options.IdColumn is not null || options.KeepColumns.Length > 0))
            throw new ArgumentException("--id-column and --keep-columns need TSV, CSV or JSONL input; plain text has no columns.");
        if (options.Path != "-" && _documents is null && !File.Exists(options.Path)) throw new FileNotFoundException($"{options.Path}: file not found.");
        if (_documents is null) _length = options.Path == "-" ? 0 : new FileInfo(options.Path).Length;
        if (_documents is null && options.Path != "-" && !options.Parquet && BinaryAt(options.Path) is { } at)
            throw new DataFileException(options.Path, at.Line, at.Column, "a NUL byte: this is a binary file, not text; nothing is scored.");
    }

    // Where the first NUL byte of the file's start is, as git tells text from binary; UTF-16 and
    // UTF-32 files, which have NUL bytes, start with a byte order mark and are text.
    private static (long Line, int Column)? BinaryAt(string path)
    {
        Span<byte> head = stackalloc byte[8000];
        int n;
        using (var file = File.OpenRead(path)) n = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..n];
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || head.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF]))
            return null;
        int nul = head.IndexOf((byte)0);
        if (nul < 0) return null;
        int lineStart = head[..nul].LastIndexOf((byte)'\n') + 1;
        return (head[..nul].Count((byte)'\n') + 1, nul - lineStart + 1);
    }

    /// <summary>True when records carry a document id: an --id-column, or a directory's file names.</summary>
    public bool HasIds => _options.IdColumn is not null || _documents is not null;

    public DataFormat Format { get; }

    /// <summary>Yield a <see cref="InputRecord.Placeholder"/> for every row skipped, so output can keep one line per input row.</summary>
    public bool KeepPlaces { get; init; }

    public string Name => _options.Path == "-" ? "stdin" : _options.Path;

    /// <summary>Bytes read so far and the input's size, for a progress bar; null for standard input and Parquet, read by row group.</summary>
    public (long Done, long Total)? Position => _options.Path == "-" || _options.Parquet ? null : (_documents is null ? FilePosition() : _documentBytes, _length);

    // The reader closes the file when it reaches the end.
    private long FilePosition() => _file is null ? 0 : _file.CanSeek ? _file.Position : _length;

    /// <summary>Line and column of character <paramref name="index"/> of a record's text: within the text for plain text and documents, else on the record's line.</summary>
    public (long Line, int Column) Locate(InputRecord record, int index)
    {
        (long line, string text) = (record.Line, record.Text);
        return Format != DataFormat.Text ? (line, TableRow.ColumnIn(record.TextColumn, index, Format)) : Locate(line, text, index);
    }

    public IEnumerable<InputRecord> Records() => _documents is not null ? Documents(_documents) : _options.Parquet ? ParquetRows() : Rows();

    private IEnumerable<InputRecord> ParquetRows()
    {
        string[] columns = [_options.TextColumn, .. _options.IdColumn is null ? Array.Empty<string>() : [_options.IdColumn], .. _options.KeepColumns];
        int keepFrom = _options.IdColumn is null ? 1 : 2;
        foreach (var (row, values, positions) in ParquetInput.Read(_options.Path, Name, columns))
        {
            var tableRow = new TableRow(Name, row, values) { Columns = positions };
            if (Check(tableRow) is { } text)
                yield return new InputRecord(Name, row, _options.IdColumn is null ? null : values[1] ?? "", text, values[keepFrom..], positions[0]);
            else if (KeepPlaces) yield return InputRecord.Placeholder(Name, row);
        }
    }

    // One record per file, named by its path under the directory.
    private IEnumerable<InputRecord> Documents(string[] files)
    {
        foreach (string file in files)
        {
            if (BinaryAt(file) is { } at)
            {
                _skips.Skip("binary", file, at.Line, at.Column, "a NUL byte: a binary file, not text.");
                if (KeepPlaces) yield return InputRecord.Placeholder(file, 1);
                continue;
            }
            string text = File.ReadAllText(file, new UTF8Encoding(false));
            if (Check(new TableRow(file, 1, [text])) is { } checkedText)
                yield return new InputRecord(file, 1, Path.GetRelativePath(_options.Path, file), checkedText, []);
            else if (KeepPlaces) yield return InputRecord.Placeholder(file, 1);
            _documentBytes += new FileInfo(file).Length;
        }
    }

    private IEnumerable<InputRecord> Rows()
    {
        string[] columns = [_options.TextColumn, .. _options.IdColumn is null ? Array.Empty<string>() : [_options.IdColumn], .. _options.KeepColumns];
        int keepFrom = _options.IdColumn is null ? 1 : 2;
        // A malformed record is reported from inside the reader, before the next row comes out of it.
        void Malformed(DataFileException e)
        {
            _skips.Skip("malformed", e);
            _unplaced++;
        }
        foreach (TableRow row in TableReader.Read(Open, Name, columns, Format, Malformed, textColumns: 1, _options.MaxLineChars))
        {
            for (; KeepPlaces && _unplaced > 0; _unplaced--) yield return InputRecord.Placeholder(row.File, row.Line);
            if (Check(row) is { } text)
                yield return new InputRecord(row.File, row.Line, _options.IdColumn is null ? null : row.Values[1] ?? "", text, row.Values[keepFrom..], row.Columns?[0] ?? 1);
            else if (KeepPlaces) yield return InputRecord.Placeholder(row.File, row.Line);
        }
        for (; KeepPlaces && _unplaced > 0; _unplaced--) yield return InputRecord.Placeholder(Name, 0);
    }

    private TextReader Open()
    {
        if (_options.Path == "-") return Console.In;
        _file = new FileStream(_options.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        // The default decoder replaces invalid UTF-8 with U+FFFD; Check turns those into skipped rows.
        return new StreamReader(_file, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
    }

    // The text to score, or null when the row was skipped.
    private string? Check(TableRow row)
    {
        string? text = row.Values[0];
        if (text is null)
        {
            _skips.Skip("without text", row.File, row.Line, 1, $"no '{_options.TextColumn}' field.");
            return null;
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            _skips.Skip("empty", row.File, row.Line, row.ColumnOf(0, 0, Format), "empty text.");
            return null;
        }
        if (TextCheck.Find(text) is { } problem)
        {
            // Plain text maps one to one to the text; in a table the position is within the field.
            var (line, column) = Format == DataFormat.Text ? Locate(row.Line, text, problem.Index) : (row.Line, row.ColumnOf(0, problem.Index, Format));
            _skips.Skip(problem.Kind, row.File, line, column, problem.Message(Format == DataFormat.Text ? null : _options.TextColumn));
            return null;
        }
        return text;
    }

    private static (long Line, int Column) Locate(long line, string text, int index)
    {
        int lineStart = text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        return (line + text.AsSpan(0, lineStart).Count('\n'), index - lineStart + 1);
    }
}
