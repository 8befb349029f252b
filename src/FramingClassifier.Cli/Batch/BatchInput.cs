using System.Text;
using FramingClassifier.Training;

namespace FramingClassifier.Cli.Batch;

/// <summary>Which input to score and which of its columns to read.</summary>
internal sealed record InputOptions(string Path, DataFormat Format, string TextColumn, string? IdColumn, string[] KeepColumns);

/// <summary>
/// Streams the records of a batch input (a file or stdin) for scoring. Records that cannot be scored
/// (empty, not valid UTF-8, malformed) go to the <see cref="SkipLog"/> and the read goes on.
/// </summary>
internal sealed class BatchInput
{
    private readonly InputOptions _options;
    private readonly SkipLog _skips;
    private FileStream? _file;
    private readonly long _length;

    public BatchInput(InputOptions options, SkipLog skips)
    {
        _options = options;
        _skips = skips;
        Format = options.Path == "-" && options.Format == DataFormat.Auto ? DataFormat.Text : DataFormats.Resolve(options.Path, options.Format);
        if (Format == DataFormat.Text && (options.IdColumn is not null || options.KeepColumns.Length > 0))
            throw new ArgumentException("--id-column and --keep-columns need TSV, CSV or JSONL input; plain text has no columns.");
        if (options.Path != "-" && !File.Exists(options.Path)) throw new FileNotFoundException($"{options.Path}: file not found.");
        _length = options.Path == "-" ? 0 : new FileInfo(options.Path).Length;
    }

    public DataFormat Format { get; }

    public string Name => _options.Path == "-" ? "stdin" : _options.Path;

    /// <summary>Bytes read so far and the input's size, for a progress bar; null for standard input.</summary>
    public (long Done, long Total)? Position => _options.Path == "-" ? null : (_file?.Position ?? 0, _length);

    public IEnumerable<InputRecord> Records()
    {
        string[] columns = [_options.TextColumn, .. _options.IdColumn is null ? Array.Empty<string>() : [_options.IdColumn], .. _options.KeepColumns];
        int keepFrom = _options.IdColumn is null ? 1 : 2;
        foreach (TableRow row in TableReader.Read(Open, Name, columns, Format, e => _skips.Skip("malformed", e)))
        {
            if (Check(row) is { } text)
                yield return new InputRecord(row.Line, _options.IdColumn is null ? null : row.Values[1] ?? "", text, row.Values[keepFrom..]);
        }
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
            _skips.Skip("empty", row.File, row.Line, 1, "empty text.");
            return null;
        }
        int bad = text.IndexOf('\uFFFD');
        if (bad >= 0)
        {
            // Plain text lines map one to one to the text; in a table the position is within the field.
            int column = Format == DataFormat.Text ? bad + 1 : 0;
            string where = Format == DataFormat.Text ? "" : $" in '{_options.TextColumn}' at character {bad + 1}";
            _skips.Skip("invalid UTF-8", row.File, row.Line, column, $"invalid UTF-8{where} (or a U+FFFD replacement character).");
            return null;
        }
        return text;
    }
}
