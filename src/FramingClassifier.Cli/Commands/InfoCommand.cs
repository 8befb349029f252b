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
            ModelInfo.Of(CliRunner.LoadModel(file), file).WriteText(Console.Out);
            return 0;
        }));
        return command;
    }
}
