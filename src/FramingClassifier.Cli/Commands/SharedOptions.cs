using System.CommandLine;
using FramingClassifier.Training;

namespace FramingClassifier.Cli.Commands;

/// <summary>Options that several commands share, declared once so their names, defaults and help agree.</summary>
internal static class SharedOptions
{
    /// <summary>The longest text predict scores and explain explains, unless --max-chars says otherwise.</summary>
    public const int DefaultMaxChars = 10_000;

    public static Option<DataFormat> Format() => new("--format")
    {
        Description = "Input format: auto (from the extension: .tsv, .csv, .jsonl; anything else is plain text), tsv, csv, jsonl or text.",
        DefaultValueFactory = _ => new DatasetOptions().Format,
    };

    public static Option<string> TextColumn() => new("--text-column")
    {
        Description = "Column (or JSON field) that holds the text.",
        DefaultValueFactory = _ => new DatasetOptions().TextColumn,
    };

    public static Option<bool> SkipBadText() => new("--skip-bad-text")
    {
        Description = "Leave out, and list, rows whose text or label holds invalid UTF-8 (or U+FFFD) or a control character, instead of stopping at the first (default: stop).",
    };

    /// <summary>Lists the rows <see cref="DatasetOptions.SkipBadText"/> left out: the count and the first few locations.</summary>
    public static void ReportSkippedRows(LabeledDataset rows)
    {
        if (rows.SkippedRows.Count == 0) return;
        const int Shown = 5;
        Console.Error.WriteLine($"skipped {rows.SkippedRows.Count} rows with bad text:");
        foreach (string row in rows.SkippedRows.Take(Shown)) Console.Error.WriteLine("  " + CliRunner.Printable(row));
        if (rows.SkippedRows.Count > Shown) Console.Error.WriteLine($"  and {rows.SkippedRows.Count - Shown} more");
    }

    public static Option<string?> Model(bool required) => new("--model")
    {
        Description = required ? "Model file." : "Model file; the embedded default model when omitted.",
        Required = required,
    };

    public static Option<string?> Json() => new("--json")
    {
        Description = "Also write the evaluation report as JSON to this file.",
    };
}
