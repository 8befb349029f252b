using System.CommandLine;
using FramingClassifier.Cli.Commands;

var root = new RootCommand("framing: labels how sentences of news text frame armed non-state actors (framing, voice, stance), and trains, evaluates and explains such models.")
{
    TrainCommand.Create(),
    EvaluateCommand.Create(),
    PredictCommand.Create(),
    ExplainCommand.Create(),
    InfoCommand.Create(),
    ProfileCommand.Create(),
    TreeFeaturesCommand.Create(),
    BenchCommand.Create(),
    ServeCommand.Create(),
};
return root.Parse(args).Invoke();
