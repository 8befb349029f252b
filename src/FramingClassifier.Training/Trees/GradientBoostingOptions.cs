namespace FramingClassifier.Training;

/// <summary>
/// Options of the gradient-boosted trees trainer (<see cref="HeadScorer.Trees"/> and <see cref="HeadScorer.Stacked"/> heads).
/// The tree defaults are ML.NET FastTree's: 100 iterations, 20 leaves, 10 examples per leaf, learning rate 0.2, 255 bins.
/// </summary>
public sealed record GradientBoostingOptions
{
    /// <summary>Boosting iterations; each adds one tree per class (default 100).</summary>
    public int Iterations { get; init; } = 100;

    /// <summary>Maximum leaves per tree, grown best-first (default 20).</summary>
    public int Leaves { get; init; } = 20;

    /// <summary>Minimum training examples in a leaf (default 10).</summary>
    public int MinExamplesPerLeaf { get; init; } = 10;

    /// <summary>Shrinkage applied to every leaf value (default 0.2).</summary>
    public double LearningRate { get; init; } = 0.2;

    /// <summary>
    /// L2 penalty λ on leaf values (default 1, XGBoost's lambda; FastTree and LightGBM default to 0).
    /// Softmax Newton steps −G/(H+λ) blow up in leaves where a class has tiny probabilities: on
    /// TweetEval emoji (20 classes) λ = 1 raised validation macro-F1 from 0.17 to 0.20.
    /// </summary>
    public double LeafL2 { get; init; } = 1;

    /// <summary>Maximum histogram bins per feature, 2 to 255 (default 255).</summary>
    public int MaxBins { get; init; } = 255;

    /// <summary>Fraction of examples drawn without replacement for each iteration's trees (default 1: all of them).</summary>
    public double Subsample { get; init; } = 1.0;

    /// <summary>Fraction of features each tree may split on (default 1: all).</summary>
    public double FeatureFraction { get; init; } = 1.0;

    /// <summary>
    /// Fraction of the training examples held out (stratified by label) to stop boosting early (default 0: off,
    /// as in FastTree). The model keeps the iterations up to the best validation log-loss.
    /// </summary>
    public double ValidationFraction { get; init; }

    /// <summary>Stop after this many iterations without a better validation log-loss (default 10).</summary>
    public int EarlyStoppingRounds { get; init; } = 10;

    /// <summary>N-gram columns kept per head by chi-square feature selection (default 2000; 0 keeps every column).</summary>
    public int MaxFeatures { get; init; } = 2000;

    /// <summary>Minimum document frequency of a kept n-gram column (default 3).</summary>
    public int MinDocumentFrequency { get; init; } = 3;

    /// <summary>Folds for the out-of-fold linear scores a stacked head is trained on (default 5).</summary>
    public int StackingFolds { get; init; } = 5;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> if an option is outside its range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Iterations, 1, nameof(Iterations));
        ArgumentOutOfRangeException.ThrowIfLessThan(Leaves, 2, nameof(Leaves));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinExamplesPerLeaf, 1, nameof(MinExamplesPerLeaf));
        if (!(LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "must be above 0.");
        if (!(LeafL2 >= 0)) throw new ArgumentOutOfRangeException(nameof(LeafL2), LeafL2, "must be 0 or more.");
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBins, 2, nameof(MaxBins));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxBins, 255, nameof(MaxBins));
        if (!(Subsample > 0 && Subsample <= 1)) throw new ArgumentOutOfRangeException(nameof(Subsample), Subsample, "must be in (0, 1].");
        if (!(FeatureFraction > 0 && FeatureFraction <= 1)) throw new ArgumentOutOfRangeException(nameof(FeatureFraction), FeatureFraction, "must be in (0, 1].");
        if (!(ValidationFraction >= 0 && ValidationFraction < 0.5)) throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, "must be in [0, 0.5).");
        ArgumentOutOfRangeException.ThrowIfLessThan(EarlyStoppingRounds, 1, nameof(EarlyStoppingRounds));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxFeatures, nameof(MaxFeatures));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinDocumentFrequency, 1, nameof(MinDocumentFrequency));
        ArgumentOutOfRangeException.ThrowIfLessThan(StackingFolds, 2, nameof(StackingFolds));
    }
}
