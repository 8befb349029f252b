using System.CommandLine;
using FramingClassifier.Training;

namespace FramingClassifier.Cli.Commands;

/// <summary>`framing train` options that pick each head's trainer and tune the boosted trees.</summary>
internal sealed class TrainerOptions
{
    private static readonly GradientBoostingOptions Defaults = new();

    private readonly Option<string> _trainer = new("--trainer")
    {
        Description = "linear, trees or stacked (trees over the linear scores and text statistics) for every head, " +
            "or cascade for a head labelled with the codebook's classes (one binary model per class, read in the codebook's precedence), " +
            "or comma-separated head=trainer pairs, e.g. framing=linear,stance=stacked (unnamed heads: linear); " +
            "or fasttree: every head by ML.NET FastTree (one binary model per label) on the same selected n-grams, stored as trees the runtime scores without ML.NET.",
        DefaultValueFactory = _ => new TrainingOptions().Trainer.ToString().ToLowerInvariant(),
    };
    // --trees was the option's first name; it stays as an alias so that existing commands keep working.
    private readonly Option<int> _iterations = new("--boosting-iterations", "--trees") { Description = "Boosting iterations (one tree per class each).", DefaultValueFactory = _ => Defaults.Iterations };
    private readonly Option<int> _leaves = new("--leaves") { Description = "Maximum leaves per tree, grown best-first.", DefaultValueFactory = _ => Defaults.Leaves };
    private readonly Option<int> _minLeaf = new("--min-leaf") { Description = "Minimum training examples per leaf.", DefaultValueFactory = _ => Defaults.MinExamplesPerLeaf };
    private readonly Option<double> _learningRate = new("--learning-rate") { Description = "Shrinkage of every tree.", DefaultValueFactory = _ => Defaults.LearningRate };
    private readonly Option<double> _leafL2 = new("--leaf-l2") { Description = "L2 penalty λ on leaf values, −G/(H+λ).", DefaultValueFactory = _ => Defaults.LeafL2 };
    private readonly Option<int> _maxBins = new("--max-bins") { Description = "Histogram bins per feature (2 to 255).", DefaultValueFactory = _ => Defaults.MaxBins };
    private readonly Option<double> _subsample = new("--subsample") { Description = "Fraction of examples sampled per iteration.", DefaultValueFactory = _ => Defaults.Subsample };
    private readonly Option<double> _featureFraction = new("--feature-fraction") { Description = "Fraction of features each tree may split on.", DefaultValueFactory = _ => Defaults.FeatureFraction };
    private readonly Option<double> _validation = new("--validation-fraction") { Description = "Fraction of the training examples held out for early stopping (0: off).", DefaultValueFactory = _ => Defaults.ValidationFraction };
    private readonly Option<int> _patience = new("--early-stopping") { Description = "Iterations without a better validation log-loss before stopping.", DefaultValueFactory = _ => Defaults.EarlyStoppingRounds };
    private readonly Option<int> _maxFeatures = new("--tree-features") { Description = "N-gram columns kept per tree head by chi-square (0: all).", DefaultValueFactory = _ => Defaults.MaxFeatures };
    private readonly Option<int> _minDf = new("--tree-min-df") { Description = "Minimum document frequency of a kept n-gram column.", DefaultValueFactory = _ => Defaults.MinDocumentFrequency };
    private readonly Option<int> _folds = new("--stacking-folds") { Description = "Folds for the out-of-fold linear scores of stacked heads.", DefaultValueFactory = _ => Defaults.StackingFolds };

    public IEnumerable<Option> All => [_trainer, _iterations, _leaves, _minLeaf, _learningRate, _leafL2, _maxBins, _subsample, _featureFraction, _validation, _patience, _maxFeatures, _minDf, _folds];

    /// <summary>True for `--trainer fasttree`: the whole model goes to ML.NET's FastTree.</summary>
    public bool IsFastTree(ParseResult r) => string.Equals(r.GetValue(_trainer)!.Trim(), "fasttree", StringComparison.OrdinalIgnoreCase);

    public TrainingOptions Apply(ParseResult r, TrainingOptions options)
    {
        var (trainer, perHead) = IsFastTree(r) ? (HeadScorer.Trees, []) : ParseTrainers(r.GetValue(_trainer)!);
        return options with
        {
            Trainer = trainer,
            HeadTrainers = perHead,
            Trees = new GradientBoostingOptions
            {
                Iterations = r.GetValue(_iterations), Leaves = r.GetValue(_leaves), MinExamplesPerLeaf = r.GetValue(_minLeaf),
                LearningRate = r.GetValue(_learningRate), LeafL2 = r.GetValue(_leafL2), MaxBins = r.GetValue(_maxBins), Subsample = r.GetValue(_subsample),
                FeatureFraction = r.GetValue(_featureFraction), ValidationFraction = r.GetValue(_validation),
                EarlyStoppingRounds = r.GetValue(_patience), MaxFeatures = r.GetValue(_maxFeatures),
                MinDocumentFrequency = r.GetValue(_minDf), StackingFolds = r.GetValue(_folds),
            },
        };
    }

    /// <summary>"trees" sets every head; "stance=stacked,voice=trees" sets those heads and leaves the rest linear.</summary>
    internal static (HeadScorer Default, Dictionary<string, HeadScorer> PerHead) ParseTrainers(string value)
    {
        var perHead = new Dictionary<string, HeadScorer>(StringComparer.Ordinal);
        HeadScorer all = HeadScorer.Linear;
        foreach (string item in CliRunner.SplitList(value))
        {
            int eq = item.IndexOf('=');
            if (eq < 0) all = Parse(item);
            else perHead[item[..eq].Trim()] = Parse(item[(eq + 1)..].Trim());
        }
        return (all, perHead);
    }

    private static HeadScorer Parse(string name) => name.ToLowerInvariant() switch
    {
        "linear" => HeadScorer.Linear,
        "trees" => HeadScorer.Trees,
        "stacked" => HeadScorer.Stacked,
        "cascade" => HeadScorer.Cascade,
        _ => throw new ArgumentException($"--trainer: unknown trainer '{name}'; use linear, trees, stacked or cascade per head, or fasttree alone."),
    };
}
