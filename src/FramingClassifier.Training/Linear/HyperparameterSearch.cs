namespace FramingClassifier.Training;

/// <summary>One point of a hyper-parameter grid and its cross-validated score.</summary>
/// <param name="L2">The L2 penalty.</param>
/// <param name="ClassWeights">The class weighting.</param>
/// <param name="Score">The tuning score (macro-F1, or the mean F1 of the chosen labels) averaged over heads and folds.</param>
/// <param name="StandardError">The standard error of <paramref name="Score"/> over the folds (set by <see cref="RegularizationPath"/>; 0 from the grid search).</param>
/// <param name="EmbeddingScale">The factor α on the sentence embedding (0 for an n-gram model).</param>
public sealed record GridPoint(double L2, ClassWeighting ClassWeights, double Score, double StandardError = 0, float EmbeddingScale = 0);

/// <summary>
/// Chooses the L2 penalty and the class weighting by stratified k-fold cross-validation on the
/// training data only, as LIBLINEAR's parameter search does: each fold is featurized once (its IDF
/// learned from its own training rows), every grid point is trained on it and scored on the held-out
/// fold, and the point with the best mean score over heads and folds wins (ties: the first in grid order).
/// The score of a head is its macro-F1, or, when <c>scoreLabels</c> are given, the mean F1 of those of
/// its labels (TweetEval's stance metric is the mean F1 of against and favor, for example).
/// </summary>
public static class HyperparameterSearch
{
    /// <summary>The default L2 grid: 1e-5 to 1e-2 in half-decades.</summary>
    public static IReadOnlyList<double> DefaultL2Grid { get; } = [1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2];

    /// <summary>The default grid of the embedding's factor α, searched with a sentence encoder: the n-gram vector's weight against the embedding's.</summary>
    public static IReadOnlyList<float> DefaultEmbeddingScaleGrid { get; } = [0.25f, 0.5f, 1f, 2f];

    /// <summary>
    /// Searches <paramref name="l2Grid"/> × {none, balanced}, and with a sentence encoder × <paramref name="scaleGrid"/>
    /// (default <see cref="DefaultEmbeddingScaleGrid"/>; give the options' own scale alone to keep it); returns the
    /// options to train with and every point's score.
    /// </summary>
    public static (TrainingOptions Best, IReadOnlyList<GridPoint> Grid) Tune(LabeledDataset data, TrainingOptions options, int folds = 5,
        IReadOnlyList<double>? l2Grid = null, IReadOnlyCollection<string>? scoreLabels = null, IReadOnlyList<float>? scaleGrid = null)
    {
        l2Grid ??= DefaultL2Grid;
        // Every fold's fits and scoring read the same texts: embed each once.
        ISentenceEncoder? given = options.Embeddings;
        options = options with { Embeddings = CachedSentenceEncoder.Wrap(given) };
        ClassWeighting[] weightings = [ClassWeighting.None, ClassWeighting.Balanced];
        IReadOnlyList<float> scales = given is null ? [0f] : scaleGrid ?? DefaultEmbeddingScaleGrid;
        var sums = new double[scales.Count, l2Grid.Count, weightings.Length];
        int[] fold = DataSplits.StratifiedFolds(data.Labels[0], folds, options.Seed);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        var perCore = new ParallelOptions { MaxDegreeOfParallelism = ModelTrainer.Threads(options.MaxDegreeOfParallelism) };
        for (int f = 0; f < folds; f++)
        {
            var (train, test) = DataSplits.Fold(data, fold, f);
            FeatureMatrix ngrams = FeatureMatrix.For(train.Texts, options with { Embeddings = null }, parallel);
            float[] embeddings = options.Embeddings is { } encoder ? FramingModel.EncodeAll(encoder, train.Texts, parallel) : [];
            for (int s = 0; s < scales.Count; s++)
            {
                FeatureMatrix x = options.Embeddings is { } e ? ngrams.WithEmbeddings(embeddings, e.Dimension, scales[s]) : ngrams;
                var at = options with { EmbeddingScale = given is null ? options.EmbeddingScale : scales[s] };
                // The grid points of a fold are independent fits: fit them side by side, one per core and
                // one thread each, since each holds its own solver state. Each point's sum still adds the
                // folds in order, so the scores do not depend on it.
                Parallel.For(0, l2Grid.Count * weightings.Length, perCore, point =>
                {
                    int a = point / weightings.Length, b = point % weightings.Length;
                    FramingModel model = ModelTrainer.Train(train, x, at with { L2 = l2Grid[a], ClassWeights = weightings[b], MaxDegreeOfParallelism = 1 });
                    sums[s, a, b] += Score(Evaluator.Evaluate(model, test), scoreLabels);
                });
            }
        }
        var grid = new List<GridPoint>();
        for (int s = 0; s < scales.Count; s++)
            for (int a = 0; a < l2Grid.Count; a++)
                for (int b = 0; b < weightings.Length; b++)
                    grid.Add(new GridPoint(l2Grid[a], weightings[b], sums[s, a, b] / folds, EmbeddingScale: scales[s]));
        GridPoint best = grid.Aggregate((x, y) => y.Score > x.Score ? y : x);
        return (options with
        {
            L2 = best.L2, ClassWeights = best.ClassWeights, Embeddings = given,
            EmbeddingScale = given is null ? options.EmbeddingScale : best.EmbeddingScale,
        }, grid);
    }

    /// <summary>A report's tuning score: the mean over heads of <see cref="Score(HeadMetrics, IReadOnlyCollection{string}?)"/>.</summary>
    internal static double Score(EvaluationReport report, IReadOnlyCollection<string>? labels) => report.Heads.Average(h => Score(h, labels));

    private static double Score(HeadMetrics head, IReadOnlyCollection<string>? labels)
    {
        var chosen = labels is null ? [] : head.Classes.Where(c => labels.Contains(c.Label)).ToArray();
        return chosen.Length > 0 ? chosen.Average(c => c.F1) : head.MacroF1;
    }
}
