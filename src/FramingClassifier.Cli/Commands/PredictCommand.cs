using System.CommandLine;
using System.Globalization;
using FramingClassifier.Cli.Batch;
using FramingClassifier.Training;

namespace FramingClassifier.Cli.Commands;

/// <summary>`framing predict`: score text rows, or the sentences of whole documents, and write JSON Lines (or labels) in input order as they are scored.</summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var model = SharedOptions.Model(required: false);
        var input = new Option<string>("--input") { Description = "Input file, a directory whose .txt files are one document each (doc: the file name), or - for standard input.", DefaultValueFactory = _ => "-" };
        var output = new Option<string>("--output") { Description = "Output file, or - for standard output.", DefaultValueFactory = _ => "-" };
        var outputFormat = new Option<OutputFormat?>("--output-format")
        {
            Description = "jsonl: one JSON object per scored text; labels: one line per input row with each head's label, tab-separated, in input order, as fasttext predict writes (an empty line for a skipped row); "
                + "parquet: an Apache Parquet file with doc (or row), sentence, the kept columns and per head {head} and {head}_p (default: parquet when --output ends in .parquet, else jsonl).",
        };
        var probabilities = new Option<string?>("--probabilities")
        {
            Description = "Probabilities written per head: all, none, or a count k (the k most probable labels). In labels output each is written after its label, as fasttext predict-prob does; "
                + "Parquet takes none, 1 ({head}_p) or all ({head}_p_{label} columns) (default: all in JSONL, none in labels, 1 in Parquet).",
        };
        var format = new Option<string>("--format")
        {
            Description = "Input format: auto (from the extension: .tsv, .csv, .jsonl, .parquet; anything else is plain text), tsv, csv, jsonl, text or parquet.",
            DefaultValueFactory = _ => "auto",
        };
        format.AcceptOnlyFromAmong("auto", "tsv", "csv", "jsonl", "text", "parquet");
        var textColumn = SharedOptions.TextColumn();
        var split = new Option<bool>("--split-sentences") { Description = "Treat each row as a document (an article): split it into sentences and score each; rows then carry doc and sentence (from 0) (default: off)." };
        var idColumn = new Option<string?>("--id-column") { Description = "Column holding the document id written as doc (default: the line the row starts on)." };
        var keep = new Option<string?>("--keep-columns") { Description = "Comma-separated input columns to copy into every output row, such as an outlet column to profile by (default: none)." };
        var heads = new Option<string?>("--heads") { Description = "Comma-separated heads to write (default: every head of the model)." };
        var maxChars = new Option<int>("--max-chars") { Description = "Skip, with a message, any text to score (a row, or a sentence with --split-sentences) longer than this.", DefaultValueFactory = _ => SharedOptions.DefaultMaxChars };
        var threads = new Option<int>("--threads") { Description = "Scoring threads; -1 for all cores.", DefaultValueFactory = _ => -1 };
        var quiet = new Option<bool>("--quiet") { Description = "No progress bar and no summary unless rows were skipped (default: progress on a terminal)." };
        var command = new Command("predict", "Label text: plain text (one text a line), TSV/CSV with a text column, or JSONL with a text field. Streams input of any size on all cores and writes JSONL in input order.")
        {
            model, input, output, outputFormat, probabilities, format, textColumn, split, idColumn, keep, heads, maxChars, threads, quiet,
        };
        command.SetAction(r => CliRunner.Run(() =>
        {
            string inputPath = r.GetValue(input)!, outputPath = r.GetValue(output)!, inputFormat = r.GetValue(format)!;
            OutputFormat written = r.GetValue(outputFormat) ?? (IsParquet(outputPath) ? OutputFormat.Parquet : OutputFormat.Jsonl);
            return Execute(new PredictRequest(
                r.GetValue(model),
                new InputOptions(inputPath, inputFormat is "auto" or "parquet" ? DataFormat.Auto : Enum.Parse<DataFormat>(inputFormat, ignoreCase: true), r.GetValue(textColumn)!,
                    r.GetValue(idColumn), CliRunner.SplitList(r.GetValue(keep)), MaxLineChars(r.GetValue(maxChars)))
                {
                    Parquet = inputFormat == "parquet" || (inputFormat == "auto" && IsParquet(inputPath) && !Directory.Exists(inputPath)),
                },
                outputPath, CliRunner.SplitList(r.GetValue(heads)), r.GetValue(split), r.GetValue(maxChars), r.GetValue(threads), r.GetValue(quiet))
            {
                OutputFormat = written,
                Probabilities = ProbabilityChoice.Parse(r.GetValue(probabilities), written),
            });
        }));
        return command;
    }

    internal sealed record PredictRequest(string? Model, InputOptions Input, string Output, string[] Heads, bool SplitSentences, int MaxChars, int Threads, bool Quiet)
    {
        public OutputFormat OutputFormat { get; init; } = OutputFormat.Jsonl;

        public ProbabilityChoice Probabilities { get; init; } = ProbabilityChoice.All;
    }

    private sealed record ScoringItem(InputRecord Record, int? Sentence, string Text, string ModelInput)
    {
        public static ScoringItem Placeholder(InputRecord record) => new(record, null, "", "");
    }

    internal static int Execute(PredictRequest q)
    {
        if (q.MaxChars < 1) throw new ArgumentException("--max-chars must be at least 1.");
        if (q.Threads is 0 or < -1) throw new ArgumentException("--threads must be -1 (all cores) or at least 1.");
        FramingModel m = CliRunner.LoadModel(q.Model);
        ModelHead[] heads = q.Heads.Length == 0 ? [.. m.Heads] : [.. q.Heads.Select(m.Head)];
        // Parquet output has a text column only for split sentences, so the input text may be kept, as when a TSV becomes Parquet.
        bool textWritten = q.OutputFormat != OutputFormat.Parquet || q.SplitSentences;
        string[] reserved = ["doc", "sentence", .. textWritten ? ["text"] : Array.Empty<string>(), .. m.Heads.Select(h => h.Name)];
        if (q.Input.KeepColumns.FirstOrDefault(reserved.Contains) is { } clash)
            throw new ArgumentException($"--keep-columns: '{clash}' would clash with an output field ({string.Join(", ", reserved)}).");
        bool labels = q.OutputFormat == OutputFormat.Labels;
        if (labels && (q.SplitSentences || q.Input.IdColumn is not null || q.Input.KeepColumns.Length > 0))
            throw new ArgumentException("--output-format labels writes one line per input row with the labels only; --split-sentences, --id-column and --keep-columns need jsonl.");
        var skips = new SkipLog(Console.Error);
        var input = new BatchInput(q.Input, skips) { KeepPlaces = labels };
        long scored = 0;
        bool parquet = q.OutputFormat == OutputFormat.Parquet;
        void Score(Stream stream)
        {
            using var table = parquet ? new ParquetPredictionWriter(stream, heads, q.Input.KeepColumns, input.HasIds, q.SplitSentences, q.Probabilities) : null;
            using var jsonl = labels || parquet ? null : new PredictionWriter(stream, heads, q.Input.KeepColumns, q.SplitSentences || input.HasIds, q.Probabilities);
            using var lines = labels ? new LabelWriter(stream, heads, q.Probabilities) : null;
            BatchProgress.Run(input, skips, q.Quiet, q.Output == "-", Unit(q), report =>
            {
                // A skipped row's placeholder is scored as an empty text, which is cheap, to keep the pipeline in order.
                foreach (var (item, p) in m.PredictBatch(Items(input, q, skips), i => i.ModelInput, q.Threads))
                {
                    if (item.Record.Skipped)
                    {
                        lines!.Write(null);
                        continue;
                    }
                    if (table is not null) table.Write(item.Record, item.Sentence, item.Text, p);
                    else if (lines is null) jsonl!.Write(item.Record, item.Sentence, item.Text, p);
                    else lines.Write(p);
                    report(++scored);
                }
            }, reportEvery: m.Embedding is null ? 1024 : 16);
            // Thrown before the rename, so an earlier output stays as it was.
            if (scored == 0)
            {
                if (skips.Total > 0) skips.WriteSummary(scored, Unit(q));
                throw new InvalidOperationException($"nothing was scored: {input.Name} " + (skips.Total > 0 ? "has no row that could be scored" : "holds no rows")
                    + (q.Output == "-" ? "." : $"; {q.Output} is left as it was."));
            }
        }
        if (q.Output == "-") Score(Console.OpenStandardOutput());
        else CliRunner.WriteAtomically(q.Output, Score);
        if (!q.Quiet || skips.Total > 0) skips.WriteSummary(scored, Unit(q));
        return 0;
    }

    private static bool IsParquet(string path) => Path.GetExtension(path).Equals(".parquet", StringComparison.OrdinalIgnoreCase);

    // A row holds the text and other columns, so a line may be longer than --max-chars; one far longer is skipped unread.
    private static int MaxLineChars(int maxChars) => (int)Math.Clamp(4L * maxChars, TableReader.DefaultMaxLineChars, int.MaxValue / 2);

    private static string Unit(PredictRequest q) => q.SplitSentences ? "sentences" : "rows";

    private static IEnumerable<ScoringItem> Items(BatchInput input, PredictRequest q, SkipLog skips)
    {
        foreach (InputRecord record in input.Records())
        {
            if (record.Skipped)
            {
                yield return ScoringItem.Placeholder(record);
                continue;
            }
            if (!q.SplitSentences)
            {
                if (Fits(record.Text.Length, record, 0, "the text", input, q, skips)) yield return new ScoringItem(record, null, record.Text, record.Text);
                else if (input.KeepPlaces) yield return ScoringItem.Placeholder(record with { Skipped = true });
                continue;
            }
            List<SentenceSpan> spans = SentenceSplitter.Split(record.Text);
            for (int i = 0; i < spans.Count; i++)
            {
                SentenceSpan s = spans[i];
                if (Fits(s.Length, record, s.Start, $"sentence {i}", input, q, skips))
                    yield return new ScoringItem(record, i, s.TextOf(record.Text), s.ModelInputOf(record.Text));
            }
        }
    }

    private static bool Fits(int length, InputRecord record, int start, string what, BatchInput input, PredictRequest q, SkipLog skips)
    {
        if (length <= q.MaxChars) return true;
        var (line, column) = input.Locate(record, start);
        skips.Skip("too long", record.File, line, column, string.Create(CultureInfo.InvariantCulture, $"{what} has {length:N0} characters, over --max-chars {q.MaxChars:N0}."));
        return false;
    }
}
