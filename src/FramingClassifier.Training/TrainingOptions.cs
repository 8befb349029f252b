namespace FramingClassifier.Training;

/// <summary>How to weight classes in the loss.</summary>
public enum ClassWeighting
{
    /// <summary>Every row counts the same.</summary>
    None,
    /// <summary>Rows of class k weigh n / (classes * count_k), as scikit-learn's "balanced".</summary>
    Balanced,
}

/// <summary>The solver of linear heads.</summary>
public enum LinearSolver
{
    /// <summary>SAG, or L-BFGS/OWL-QN when <see cref="TrainingOptions.L1"/> is above 0.</summary>
    Auto,
    /// <summary>Stochastic average gradient (<see cref="SagSolver"/>): one pass per epoch, fast on large data; L2 only.</summary>
    Sag,
    /// <summary>Full-batch L-BFGS, OWL-QN with L1 (<see cref="Lbfgs"/>).</summary>
    Lbfgs,
}

/// <summary>Options of the trainers. Same data, options and seed give a byte-identical model file.</summary>
public sealed record TrainingOptions
{
    /// <summary>How text becomes features.</summary>
    public FeaturizerOptions Featurizer { get; init; } = FeaturizerOptions.Default;

    /// <summary>
    /// L2 penalty λ on the weights in (1/n)·Σ loss + λ/2·‖W‖² (default 1e-4). Larger means simpler models.
    /// <see cref="RegularizationPath.Choose"/> chooses it, with <see cref="ClassWeights"/>, from the training rows, as <c>framing train</c> does.
    /// </summary>
    public double L2 { get; init; } = 1e-4;

    /// <summary>L1 penalty on the weights (default 0); above 0 the solver is OWL-QN and many weights become exactly 0.</summary>
    public double L1 { get; init; }

    /// <summary>The solver of linear heads (default auto: SAG, or L-BFGS/OWL-QN with L1). Both minimize the same objective.</summary>
    public LinearSolver Solver { get; init; } = LinearSolver.Auto;

    /// <summary>
    /// Training rows an n-gram bucket must occur in to get a weight row (default 1: every bucket seen). A
    /// bucket seen less often is scored as one never seen, so the model is smaller and reads fewer rows.
    /// </summary>
    public int MinDocumentFrequency { get; init; } = 1;

    /// <summary>Maximum solver iterations per head: L-BFGS iterations or SAG epochs (default 300).</summary>
    public int MaxIterations { get; init; } = 300;

    /// <summary>
    /// Convergence tolerance (default 1e-5). L-BFGS stops when the objective improves by less than this
    /// fraction over 5 iterations; SAG when no weight moves over an epoch by more than 100 times this
    /// fraction of the largest weight (a weight criterion is looser than an objective one for the same fit).
    /// </summary>
    public double Tolerance { get; init; } = 1e-5;

    /// <summary>The solver <see cref="Solver"/> resolves to.</summary>
    public LinearSolver ResolvedSolver => Solver != LinearSolver.Auto ? Solver : L1 > 0 ? LinearSolver.Lbfgs : LinearSolver.Sag;

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

    /// <summary>Rules that tie one head's label to another head's (default none); see <see cref="LabelTie"/>.</summary>
    public IReadOnlyList<LabelTie> Ties { get; init; } = [];

    /// <summary>Options of the boosted trees, for trees and stacked heads.</summary>
    public GradientBoostingOptions Trees { get; init; } = new();

    /// <summary>The trainer of head <paramref name="head"/>.</summary>
    public HeadScorer TrainerOf(string head) => HeadTrainers.TryGetValue(head, out HeadScorer s) ? s : Trainer;

    /// <summary>
    /// A sentence encoder whose embedding every linear head reads besides the n-grams (default none):
    /// <see cref="EmbeddingScale"/> times the L2-normalized embedding is appended to each row's
    /// L2-normalized n-gram vector as dense columns. MiniLM is in the package FramingClassifier.Embeddings.
    /// </summary>
    public ISentenceEncoder? Embeddings { get; init; }

    /// <summary>The factor α on the embedding columns against the n-gram vector (default 0.5; see docs/embeddings.md).</summary>
    public float EmbeddingScale { get; init; } = 0.5f;

    /// <summary>Threads for featurizing and for the solver; -1 for all cores. Results do not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;
}
