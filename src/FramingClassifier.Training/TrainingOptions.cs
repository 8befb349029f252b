namespace FramingClassifier.Training;

/// <summary>How to weight classes in the loss.</summary>
public enum ClassWeighting
{
    /// <summary>Every row counts the same.</summary>
    None,
    /// <summary>Rows of class k weigh n / (classes * count_k), as scikit-learn's "balanced".</summary>
    Balanced,
}

/// <summary>Options of the trainers. Same data, options and seed give a byte-identical model file.</summary>
public sealed record TrainingOptions
{
    /// <summary>How text becomes features.</summary>
    public FeaturizerOptions Featurizer { get; init; } = FeaturizerOptions.Default;

    /// <summary>L2 penalty λ on the weights in (1/n)·Σ loss + λ/2·‖W‖² (default 1e-4). Larger means simpler models.</summary>
    public double L2 { get; init; } = 1e-4;

    /// <summary>L1 penalty on the weights (default 0); above 0 the solver is OWL-QN and many weights become exactly 0.</summary>
    public double L1 { get; init; }

    /// <summary>Maximum L-BFGS iterations per head (default 300).</summary>
    public int MaxIterations { get; init; } = 300;

    /// <summary>Stop when the objective improves by less than this fraction over 5 iterations (default 1e-5).</summary>
    public double Tolerance { get; init; } = 1e-5;

    /// <summary>Class weighting in the loss (default none).</summary>
    public ClassWeighting ClassWeights { get; init; } = ClassWeighting.None;

    /// <summary>Seed for everything random (splits and folds; the solver itself is deterministic).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// A model to continue from (default none). Its featurizer options must equal <see cref="Featurizer"/>;
    /// the new model keeps its feature rows and IDF, starts from its weights for every head and label
    /// they share, and <see cref="L2"/> pulls toward those weights instead of toward zero, so what the
    /// new data does not speak to stays as the base model had it.
    /// </summary>
    public FramingModel? BaseModel { get; init; }

    /// <summary>How every head is scored unless <see cref="HeadTrainers"/> names it (default linear).</summary>
    public HeadScorer Trainer { get; init; } = HeadScorer.Linear;

    /// <summary>Per-head overrides of <see cref="Trainer"/>, by head name (default none).</summary>
    public IReadOnlyDictionary<string, HeadScorer> HeadTrainers { get; init; } = new Dictionary<string, HeadScorer>();

    /// <summary>Options of the boosted trees, for trees and stacked heads.</summary>
    public GradientBoostingOptions Trees { get; init; } = new();

    /// <summary>The trainer of head <paramref name="head"/>.</summary>
    public HeadScorer TrainerOf(string head) => HeadTrainers.TryGetValue(head, out HeadScorer s) ? s : Trainer;

    /// <summary>Threads for featurizing and for the solver; -1 for all cores. Results do not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;
}
