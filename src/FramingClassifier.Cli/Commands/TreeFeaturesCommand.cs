using System.CommandLine;
using FramingClassifier.Training;

namespace FramingClassifier.Cli.Commands;

/// <summary>`framing tree-features` (hidden): dump a tree head's input vectors in svmlight format, for benchmarks against other GBDT libraries.</summary>
internal static class TreeFeaturesCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Model file with a trees or stacked head.", Required = true };
        var head = new Option<string>("--head") { Description = "The tree head.", Required = true };
        var data = new Option<string>("--data") { Description = "Labelled file: TSV, CSV or JSONL.", Required = true };
        var labelColumn = new Option<string>("--label-column") { Description = "Column with the gold label.", DefaultValueFactory = _ => "label" };
        var format = SharedOptions.Format();
        var textColumn = SharedOptions.TextColumn();
        var output = new Option<string>("--out") { Description = "Where to write the svmlight file.", Required = true };
        var command = new Command("tree-features", "Write a tree head's feature vectors in svmlight format (1-based indices; label = index in the head's labels).")
        {
            model, head, data, labelColumn, format, textColumn, output,
        };
        command.Hidden = true;
        command.SetAction(r => CliRunner.Run(() =>
        {
            FramingModel m = CliRunner.LoadModel(r.GetValue(model)!);
            var dataset = LabeledDataset.Load([r.GetValue(data)!], new DatasetOptions
            {
                TextColumn = r.GetValue(textColumn)!, LabelColumns = [r.GetValue(labelColumn)!], Format = r.GetValue(format),
            });
            int features = 0;
            CliRunner.WriteAtomically(r.GetValue(output)!, s =>
            {
                using var writer = new StreamWriter(s);
                features = TreeFeatureExport.WriteSvmLight(m, r.GetValue(head)!, dataset, r.GetValue(labelColumn)!, writer);
            });
            Console.Error.WriteLine($"wrote {dataset.Count} rows, {features} features");
            return 0;
        }));
        return command;
    }
}
