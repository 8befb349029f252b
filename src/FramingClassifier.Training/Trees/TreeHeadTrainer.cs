namespace FramingClassifier.Training;

/// <summary>
/// Trains the trees of one head: chi-square selection of n-gram columns, the dense text statistics
/// (and, for a stacked head, out-of-fold linear scores), an optional stratified validation split for
/// early stopping, then gradient boosting.
/// </summary>
internal static class TreeHeadTrainer
{
    public static (TreeEnsemble Trees, int Iterations) Train(FeatureMatrix x, float[] statistics, int[] rows, int[] labels, int classes,
        double[] rowWeights, HeadScorer kind, TrainingOptions options, ParallelOptions parallel)
    {
        GradientBoostingOptions o = options.Trees;
        float[]? stacked = kind == HeadScorer.Stacked ? StackingFeatures.OutOfFold(x, rows, labels, classes, rowWeights, options, parallel) : null;
        var (train, validation) = ValidationSplit(labels, o, options.Seed);
        int[] selected = FeatureSelector.Select(x, Pick(rows, train), Pick(labels, train), classes, o.MaxFeatures, o.MinDocumentFrequency);
        TreeInputs all = TreeInputs.Build(x, rows, selected, statistics, stacked, classes);
        (TreeInputs, int[])? held = validation.Length > 0 ? (all.Subset(validation), Pick(labels, validation)) : null;
        BoostedTrees trees = GradientBoostingTrainer.Train(validation.Length > 0 ? all.Subset(train) : all, Pick(labels, train),
            Pick(rowWeights, train), classes, o, options.Seed, parallel, held);
        return (trees.ToEnsemble(kind, selected, x.FeatureCount), trees.Iterations);
    }

    /// <summary>Positions (into rows) to train on and to stop early on: the first of 1/ValidationFraction stratified folds; every position trains when early stopping is off.</summary>
    private static (int[] Train, int[] Validation) ValidationSplit(int[] labels, GradientBoostingOptions o, int seed)
    {
        if (o.ValidationFraction <= 0) return (Enumerable.Range(0, labels.Length).ToArray(), []);
        int folds = Math.Max(2, (int)Math.Round(1 / o.ValidationFraction));
        return DataSplits.Fold(DataSplits.StratifiedFolds(labels, folds, seed), 0);
    }

    private static T[] Pick<T>(T[] source, int[] positions) => positions.Length == source.Length ? source : positions.Select(i => source[i]).ToArray();
}
