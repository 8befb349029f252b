using System.CommandLine;

namespace FramingClassifier.Cli.Commands;

/// <summary>`framing info`: what a model file holds.</summary>
internal static class InfoCommand
{
    public static Command Create()
    {
        var path = new Argument<string?>("model") { Description = "Model file (default: the embedded default model).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("info", "Print a model's format version, featurizer options, heads, labels and training options.") { path };
        command.SetAction(r => CliRunner.Run(() =>
        {
            string? file = r.GetValue(path);
            FramingModel m = CliRunner.LoadModel(file);
            Console.WriteLine($"model:        {file ?? "(embedded default)"}");
            Console.WriteLine($"format:       version {ModelFile.FormatVersion(m)}");
            Console.WriteLine($"featurizer:   {m.Options}");
            Console.WriteLine($"feature rows: {m.FeatureRows}");
            foreach (ModelHead h in m.Heads) Console.WriteLine($"head:         {h}");
            foreach (var (key, value) in m.Metadata.OrderBy(p => p.Key, StringComparer.Ordinal)) Console.WriteLine($"{key + ":",-14}{value}");
            return 0;
        }));
        return command;
    }
}
