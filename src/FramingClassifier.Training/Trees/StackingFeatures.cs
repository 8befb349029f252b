namespace FramingClassifier.Training;

/// <summary>
/// Out-of-fold linear scores for stacking (Wolpert 1992): each training row is scored by a linear head
/// trained on the other folds, so the trees learn how far to trust linear scores on unseen text, not
/// on text the linear model has memorized. At prediction time the trees read the scores of the linear
/// head trained on all rows.
/// </summary>
internal static class StackingFeatures
{
    /// <summary>Scores of every entry of <paramref name="rows"/>, <paramref name="classes"/> per row.</summary>
    public static float[] OutOfFold(FeatureMatrix x, int[] rows, int[] labels, int classes, double[] rowWeights, TrainingOptions options, ParallelOptions parallel)
    {
        int folds = Math.Min(options.Trees.StackingFolds, rows.Length);
        int[] fold = DataSplits.StratifiedFolds(labels, folds, options.Seed);
        var scores = new float[rows.Length * classes];
        for (int f = 0; f < folds; f++)
        {
            var (train, test) = DataSplits.Fold(fold, f);
            var (w, _) = ModelTrainer.FitLinear(x, train.Select(i => rows[i]).ToArray(), train.Select(i => labels[i]).ToArray(), classes,
                train.Select(i => rowWeights[i]).ToArray(), options, parallel);
            foreach (int i in test) Score(x, rows[i], w, classes, scores.AsSpan(i * classes, classes));
        }
        return scores;
    }

    private static void Score(FeatureMatrix x, int row, float[] w, int classes, Span<float> scores)
    {
        int bias = x.FeatureCount * classes;
        for (int c = 0; c < classes; c++)
        {
            double s = w[bias + c];
            for (int j = x.RowStart[row]; j < x.RowStart[row + 1]; j++) s += x.Values[j] * w[x.Columns[j] * classes + c];
            scores[c] = (float)s;
        }
    }
}
