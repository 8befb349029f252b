namespace FramingClassifier.Training;

/// <summary>
/// Chooses the L2 penalty and the class weighting that <c>framing train</c> uses when it is not given
/// them, from the training rows alone and in a few fits rather than a grid: stratified
/// cross-validation scores the weakest penalty of the path with each class weighting, then
/// walks the path toward stronger penalties with the better weighting and stops at the first point
/// that scores more than one standard error below the best so far. It keeps the best point, or, from
/// <see cref="OneStandardErrorRows"/> rows on, the strongest penalty within one standard error of the
/// best (the one-standard-error rule): a stronger penalty converges in fewer epochs, which matters only
/// where a fit is costly, while on a few hundred rows the standard error is wide enough to reach
/// penalties that score measurably worse. Large data sets score only as many of the folds as it takes to
/// hold out <see cref="ScoredRows"/> rows (at least two), since one fold of them is already a large
/// sample. The fits that score a point stop at <see cref="ToleranceFactor"/> times the options'
/// tolerance: ranking the points needs less precision than the model. The choice depends only on the
/// rows, the options and the seed.
/// </summary>
/// <example><code>
/// var (options, path) = RegularizationPath.Choose(data, new TrainingOptions());
/// FramingModel model = ModelTrainer.Train(data, options);
/// </code></example>
public static class RegularizationPath
{
    /// <summary>
    /// The penalties the path visits, weakest first: on fewer than <see cref="OneStandardErrorRows"/> rows the
    /// grid of <see cref="HyperparameterSearch.DefaultL2Grid"/> (1e-5 to 1e-2 in half-decades), where a fit is
    /// cheap; from there on, where each fit is costly, every other point of it (decades).
    /// </summary>
    public static IReadOnlyList<double> L2Path(int rows) =>
        rows < OneStandardErrorRows ? HyperparameterSearch.DefaultL2Grid : HyperparameterSearch.DefaultL2Grid.Where((_, i) => i % 2 == 0).ToArray();

    /// <summary>How much looser than <see cref="TrainingOptions.Tolerance"/> the scoring fits stop (default 10).</summary>
    public const double ToleranceFactor = 10;

    /// <summary>Training rows from which the one-standard-error rule applies (default 10,000).</summary>
    public const int OneStandardErrorRows = 10_000;

    /// <summary>Held-out rows after which no further fold is scored (default 10,000).</summary>
    public const int ScoredRows = 10_000;

    /// <summary>
    /// Chooses <see cref="TrainingOptions.L2"/> when <paramref name="chooseL2"/>, and
    /// <see cref="TrainingOptions.ClassWeights"/> when <paramref name="chooseWeights"/>; what is not chosen
    /// stays as <paramref name="options"/> has it. Returns the options to train with and every point scored, in order;
    /// no points, and the options as they are, when some label has fewer rows than there are folds.
    /// </summary>
    /// <param name="data">The training rows; folds are stratified on the first head.</param>
    /// <param name="options">The other training options, used for every fit.</param>
    /// <param name="chooseL2">Whether to choose the L2 penalty.</param>
    /// <param name="chooseWeights">Whether to choose between no class weights and balanced ones.</param>
    /// <param name="scoreLabels">Score by the mean F1 of these labels instead of macro-F1, as <see cref="HyperparameterSearch"/> does.</param>
    /// <param name="folds">Folds of the split (default 5).</param>
    public static (TrainingOptions Best, IReadOnlyList<GridPoint> Path) Choose(LabeledDataset data, TrainingOptions options, bool chooseL2 = true,
        bool chooseWeights = true, IReadOnlyCollection<string>? scoreLabels = null, int folds = 5)
    {
        if (!chooseL2 && !chooseWeights || !EveryLabelInEveryFold(data, folds)) return (options, []);
        // Every fold's fits and scoring read the same texts: embed each once.
        ISentenceEncoder? given = options.Embeddings;
        options = options with { Embeddings = CachedSentenceEncoder.Wrap(given) };
        int[] fold = DataSplits.StratifiedFolds(data.Labels[0], folds, options.Seed);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        var parts = new (LabeledDataset Train, LabeledDataset Test, FeatureMatrix X)[FoldsToScore(fold, folds)];
        for (int f = 0; f < parts.Length; f++)
        {
            var (train, test) = DataSplits.Fold(data, fold, f);
            parts[f] = (train, test, FeatureMatrix.For(train.Texts, options, parallel));
        }
        double[] l2s = chooseL2 ? [.. L2Path(data.Count)] : [options.L2];
        ClassWeighting[] weightings = chooseWeights ? [ClassWeighting.None, ClassWeighting.Balanced] : [options.ClassWeights];
        var path = new List<GridPoint>(Score(parts, weightings.Select(w => options with { L2 = l2s[0], ClassWeights = w }).ToArray(), scoreLabels));
        GridPoint best = path.Aggregate((a, b) => b.Score > a.Score ? b : a);
        for (int i = 1; i < l2s.Length; i++)
        {
            GridPoint next = Score(parts, [options with { L2 = l2s[i], ClassWeights = best.ClassWeights }], scoreLabels)[0];
            path.Add(next);
            if (next.Score < best.Score - best.StandardError) break;
            if (next.Score > best.Score) best = next;
        }
        GridPoint chosen = Pick(path, data.Count >= OneStandardErrorRows);
        return (options with { L2 = chosen.L2, ClassWeights = chosen.ClassWeights, Embeddings = given }, path);
    }

    /// <summary>
    /// The best point of <paramref name="path"/> (the first on ties), or with <paramref name="oneStandardError"/> the
    /// strongest penalty of its class weighting that scores within one standard error of it.
    /// </summary>
    internal static GridPoint Pick(IReadOnlyList<GridPoint> path, bool oneStandardError)
    {
        GridPoint best = path.Aggregate((a, b) => b.Score > a.Score ? b : a);
        return !oneStandardError ? best
            : path.Where(p => p.ClassWeights == best.ClassWeights && p.Score >= best.Score - best.StandardError).MaxBy(p => p.L2)!;
    }

    private static bool EveryLabelInEveryFold(LabeledDataset data, int folds) =>
        data.Labels.All(column => column.OfType<string>().CountBy(label => label).All(c => c.Value >= folds));

    /// <summary>The first folds that together hold out <see cref="ScoredRows"/> rows, at least two.</summary>
    private static int FoldsToScore(int[] fold, int folds)
    {
        int scored = 0;
        for (int f = 0; f < folds; f++)
        {
            scored += fold.Count(v => v == f);
            if (f >= 1 && scored >= ScoredRows) return f + 1;
        }
        return folds;
    }

    /// <summary>Fits every option set on every fold, side by side, one per core and one thread each; the scores do not depend on the cores.</summary>
    private static GridPoint[] Score((LabeledDataset Train, LabeledDataset Test, FeatureMatrix X)[] parts, TrainingOptions[] candidates,
        IReadOnlyCollection<string>? scoreLabels)
    {
        var scores = new double[candidates.Length, parts.Length];
        var perCore = new ParallelOptions { MaxDegreeOfParallelism = ModelTrainer.Threads(candidates[0].MaxDegreeOfParallelism) };
        Parallel.For(0, candidates.Length * parts.Length, perCore, job =>
        {
            int c = job / parts.Length, f = job % parts.Length;
            FramingModel model = ModelTrainer.Train(parts[f].Train, parts[f].X, candidates[c] with { MaxDegreeOfParallelism = 1, Tolerance = ToleranceFactor * candidates[c].Tolerance });
            scores[c, f] = HyperparameterSearch.Score(Evaluator.Evaluate(model, parts[f].Test), scoreLabels);
        });
        return candidates.Select((o, c) =>
        {
            double[] s = Enumerable.Range(0, parts.Length).Select(f => scores[c, f]).ToArray();
            double mean = s.Average();
            double sd = Math.Sqrt(s.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, s.Length - 1));
            return new GridPoint(o.L2, o.ClassWeights, mean, sd / Math.Sqrt(s.Length));
        }).ToArray();
    }
}
