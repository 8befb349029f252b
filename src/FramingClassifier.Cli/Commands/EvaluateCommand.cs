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
        var labelColumns = new Option<string?>("--label-columns") { Description = "Comma-separated label columns (default: every head of the model)." };
        var json = SharedOptions.Json();
        var command = new Command("evaluate", "Evaluate a model on labelled data: accuracy, macro-F1, per-label P/R/F1, confusion matrix, log-loss.")
        {
            model, data, format, textColumn, labelColumns, json,
        };
        command.SetAction(r => CliRunner.Run(() =>
        {
            FramingModel m = CliRunner.LoadModel(r.GetValue(model));
            string[] labels = CliRunner.SplitList(r.GetValue(labelColumns));
            var options = new DatasetOptions
            {
                TextColumn = r.GetValue(textColumn)!,
                LabelColumns = labels.Length > 0 ? labels : m.Heads.Select(h => h.Name).ToArray(),
                Format = r.GetValue(format),
            };
            TrainCommand.Report(Evaluator.Evaluate(m, LabeledDataset.Load([r.GetValue(data)!], options)), r.GetValue(json));
            return 0;
        }));
        return command;
    }
}
