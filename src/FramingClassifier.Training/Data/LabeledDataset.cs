namespace FramingClassifier.Training;

/// <summary>Which columns of the data files to read.</summary>
public sealed record DatasetOptions
{
    /// <summary>The text column (default "text").</summary>
    public string TextColumn { get; init; } = "text";

    /// <summary>The label columns, one head each (default framing, voice, stance).</summary>
    public IReadOnlyList<string> LabelColumns { get; init; } = ["framing", "voice", "stance"];

    /// <summary>An optional column to group rows by, for group hold-outs (for example "conflict").</summary>
    public string? GroupColumn { get; init; }

    /// <summary>The file format; Auto picks it from the extension.</summary>
    public DataFormat Format { get; init; } = DataFormat.Auto;

    /// <summary>
    /// Leave out a row whose text or label holds invalid UTF-8 (or U+FFFD) or a control character, and list it in
    /// <see cref="LabeledDataset.SkippedRows"/>, instead of refusing the file (default false).
    /// </summary>
    public bool SkipBadText { get; init; }
}

/// <summary>
/// Texts with one label column per head, read from one or more files. A row whose label is empty for
/// a head is kept for the other heads and counted in <see cref="SkippedLabels"/>.
/// </summary>
public sealed class LabeledDataset
{
    internal LabeledDataset(string[] texts, string[] heads, string?[][] labels, string?[]? groups, string[] sources, string[]? skippedRows = null)
    {
        SkippedRows = skippedRows ?? [];
        Texts = texts;
        Heads = heads;
        Labels = labels;
        Groups = groups;
        Sources = sources;
    }

    /// <summary>The texts.</summary>
    public IReadOnlyList<string> Texts { get; }

    /// <summary>The head (label column) names.</summary>
    public IReadOnlyList<string> Heads { get; }

    /// <summary>Labels[h][i]: the label of row i for head h, or null when empty.</summary>
    public IReadOnlyList<string?[]> Labels { get; }

    /// <summary>The group of each row, when a group column was read.</summary>
    public IReadOnlyList<string?>? Groups { get; }

    /// <summary>"file:line" of each row, for messages.</summary>
    public IReadOnlyList<string> Sources { get; }

    /// <summary>Rows left out by <see cref="DatasetOptions.SkipBadText"/>: "file:line:column: reason", in file order.</summary>
    public IReadOnlyList<string> SkippedRows { get; }

    /// <summary>Number of rows.</summary>
    public int Count => Texts.Count;

    /// <summary>Rows skipped per head because the label was empty.</summary>
    public IReadOnlyList<int> SkippedLabels => Labels.Select(l => l.Count(x => x is null)).ToArray();

    /// <summary>The sorted label set of head <paramref name="head"/>, as found in the data.</summary>
    public string[] LabelSet(int head) => Labels[head].OfType<string>().Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Reads and concatenates <paramref name="paths"/>. A folder stands for its .tsv, .csv and .jsonl files
    /// in ordinal name order, so row order (and so the trained model) never depends on the file system.
    /// </summary>
    /// <exception cref="DataFileException">A file is malformed, a column is missing, or a text is empty.</exception>
    public static LabeledDataset Load(IEnumerable<string> paths, DatasetOptions options)
    {
        var columns = new List<string> { options.TextColumn };
        columns.AddRange(options.LabelColumns);
        if (options.GroupColumn is not null) columns.Add(options.GroupColumn);
        int textColumns = 1 + options.LabelColumns.Count;
        var skipped = new List<string>();
        var rows = paths.SelectMany(ExpandFolder)
            .SelectMany(p =>
            {
                DataFormat format = LabelledFormat(p, options.Format);
                return CheckText(TableReader.Read(p, columns, format, textColumns), columns, textColumns, format, options.SkipBadText ? skipped : null);
            })
            .ToList();
        var texts = new string[rows.Count];
        var labels = options.LabelColumns.Select(_ => new string?[rows.Count]).ToArray();
        string?[]? groups = options.GroupColumn is null ? null : new string?[rows.Count];
        var sources = new string[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            TableRow row = rows[i];
            texts[i] = string.IsNullOrWhiteSpace(row.Values[0])
                ? throw new DataFileException(row.File, row.Line, row.ColumnOf(0, 0, DataFormat.Text), $"empty '{options.TextColumn}'.")
                : row.Values[0]!;
            for (int h = 0; h < labels.Length; h++)
                labels[h][i] = string.IsNullOrWhiteSpace(row.Values[h + 1]) ? null : row.Values[h + 1]!.Trim();
            if (groups is not null) groups[i] = row.Values[^1];
            sources[i] = $"{row.File}:{row.Line}";
        }
        return new LabeledDataset(texts, options.LabelColumns.ToArray(), labels, groups, sources, [.. skipped]);
    }

    // What predict would skip, training refuses, with the same words: a model must not learn from it. Given a
    // list, the row is left out and its message added there instead.
    private static IEnumerable<TableRow> CheckText(IEnumerable<TableRow> rows, IReadOnlyList<string> columns, int textColumns, DataFormat format,
        List<string>? skipped)
    {
        foreach (TableRow row in rows)
        {
            DataFileException? bad = Problem(row, columns, textColumns, format);
            if (bad is null) yield return row;
            else if (skipped is not null) skipped.Add(bad.Message);
            else throw bad;
        }
    }

    private static DataFileException? Problem(TableRow row, IReadOnlyList<string> columns, int textColumns, DataFormat format)
    {
        for (int c = 0; c < textColumns; c++)
            if (row.Values[c] is { } value && TextCheck.Find(value) is { } problem)
                return new DataFileException(row.File, row.Line, row.ColumnOf(c, problem.Index, format), problem.Message(columns[c]));
        return null;
    }

    // Plain text is one text a line: it has no label columns to train or evaluate on.
    private static DataFormat LabelledFormat(string path, DataFormat requested)
    {
        DataFormat format = DataFormats.Resolve(path, requested);
        return format != DataFormat.Text ? format
            : throw new DataFileException(path, 1, 1, "plain text has no label columns; labelled data must be TSV, CSV or JSONL (.tsv, .csv, .jsonl, or --format).");
    }

    private static IEnumerable<string> ExpandFolder(string path)
    {
        if (!Directory.Exists(path)) return [path];
        string[] files = Directory.GetFiles(path)
            .Where(f => DataFormats.Resolve(f) is DataFormat.Tsv or DataFormat.Csv or DataFormat.Jsonl)
            .Order(StringComparer.Ordinal).ToArray();
        return files.Length > 0 ? files : throw new FileNotFoundException($"{path}: the folder holds no .tsv, .csv or .jsonl file.");
    }

    /// <summary>Builds a dataset from memory: one label list per head, aligned with <paramref name="texts"/> (null for no label).</summary>
    /// <example><code>var data = LabeledDataset.Create(texts, new() { ["stance"] = stances });</code></example>
    public static LabeledDataset Create(IReadOnlyList<string> texts, Dictionary<string, IReadOnlyList<string?>> labels, IReadOnlyList<string?>? groups = null)
    {
        foreach (var (head, column) in labels)
            if (column.Count != texts.Count) throw new ArgumentException($"Head '{head}' has {column.Count} labels for {texts.Count} texts.");
        return new LabeledDataset(texts.ToArray(), labels.Keys.ToArray(), labels.Values.Select(l => l.ToArray()).ToArray(),
            groups?.ToArray(), texts.Select((_, i) => $"memory:{i + 1}").ToArray());
    }

    /// <summary>The rows at <paramref name="indices"/>, in that order.</summary>
    public LabeledDataset Subset(IReadOnlyList<int> indices)
    {
        T[] Pick<T>(IReadOnlyList<T> source) => indices.Select(i => source[i]).ToArray();
        return new LabeledDataset(Pick(Texts), Heads.ToArray(), Labels.Select(l => Pick(l)).ToArray(),
            Groups is null ? null : Pick(Groups), Pick(Sources));
    }
}
