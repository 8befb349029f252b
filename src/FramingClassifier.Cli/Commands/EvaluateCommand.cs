using System.CommandLine;
using FramingClassifier.Training;

namespace FramingClassifier.Cli.Commands;

/// <summary>`framing evaluate`: score a labelled file and print each head's metrics.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var model = SharedOptions.Model(required: false);
        var data = new Option<string>("--data") { Description = "Labelled file: TSV, CSV or JSONL.", Required = true };
        var format = SharedOptions.Format();
        var textColumn = SharedOptions.TextColumn();
        var skipBadText = SharedOptions.SkipBadText();
        var labelColumns = new Option<string?>("--label-columns") { Description = "Comma-separated label columns (default: every head of the model)." };
        var json = SharedOptions.Json();
        var baseline = new Option<bool>("--keyword-baseline") { Description = "Evaluate the codebook's keyword rules instead of a model (default: off)." };
        var holdoutColumn = new Option<string?>("--holdout-column") { Description = "With --holdout-values: evaluate only the rows whose value in this column is listed." };
        var holdoutValues = new Option<string?>("--holdout-values") { Description = "Comma-separated values of --holdout-column to evaluate on." };
        var errors = new Option<int>("--errors") { Description = "List each head's N most confident errors: gold, predicted, probability, text (default: 0).", DefaultValueFactory = _ => 0 };
        var command = new Command("evaluate", "Evaluate a model on labelled data: accuracy, macro-F1, per-label P/R/F1, confusion matrix, log-loss.")
        {
            model, data, format, textColumn, skipBadText, labelColumns, json, baseline, holdoutColumn, holdoutValues, errors,
        };
        command.SetAction(r => CliRunner.Run(() =>
        {
            bool keywords = r.GetValue(baseline);
            FramingModel? m = keywords ? null : CliRunner.LoadModel(r.GetValue(model));
            string[] labels = CliRunner.SplitList(r.GetValue(labelColumns));
            string[] groups = CliRunner.SplitList(r.GetValue(holdoutValues));
            var options = new DatasetOptions
            {
                TextColumn = r.GetValue(textColumn)!,
                LabelColumns = labels.Length > 0 ? labels : m?.Heads.Select(h => h.Name).ToArray() ?? ["framing", "voice", "stance"],
                GroupColumn = r.GetValue(holdoutColumn),
                Format = r.GetValue(format),
                SkipBadText = r.GetValue(skipBadText),
            };
            if (r.GetValue(json) is { } report) AtomicFile.CheckWritable(report);
            LabeledDataset rows = LabeledDataset.Load([r.GetValue(data)!], options);
            SharedOptions.ReportSkippedRows(rows);
            if (groups.Length > 0) rows = rows.Subset(DataSplits.HoldOutGroups(rows, groups).Test);
            TrainCommand.Report(m is null ? Evaluator.Evaluate(KeywordBaseline.Predict, rows) : Evaluator.Evaluate(m, rows, r.GetValue(errors)), r.GetValue(json));
            return 0;
        }));
        return command;
    }
}
