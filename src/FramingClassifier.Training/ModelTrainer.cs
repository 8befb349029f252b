using System.Globalization;

namespace FramingClassifier.Training;

/// <summary>
/// Trains a multi-head model: one featurization of the texts shared by every head, then per label
/// column a multinomial logistic regression solved by SAG or L-BFGS (OWL-QN with L1), boosted trees
/// (<see cref="TreeHeadTrainer"/>), or both stacked, as <see cref="TrainingOptions.TrainerOf"/> says.
/// </summary>
/// <example><code>
/// var data = LabeledDataset.Load(["data/corpus/a.tsv"], new DatasetOptions());
/// TrainingOptions options = RegularizationPath.Choose(data, new TrainingOptions()).Best; // L2 and class weights by cross-validation
/// FramingModel model = ModelTrainer.Train(data, options);
/// model.Save("model.fcm");
/// </code></example>
public static class ModelTrainer
{
    /// <summary>Trains one head per label column of <paramref name="data"/>.</summary>
    /// <param name="data">Texts and labels; label sets come from the data.</param>
    /// <param name="options">Trainer and featurizer options.</param>
    /// <param name="log">Receives one line per head as it finishes.</param>
    /// <exception cref="ArgumentException">A head has fewer than two labels in the data.</exception>
    public static FramingModel Train(LabeledDataset data, TrainingOptions options, Action<string>? log = null)
    {
        Validate(data, options);
        if (data.Count == 0) throw new ArgumentException("No training rows.");
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        return Fit(data, FeatureMatrix.For(data.Texts, options, parallel), options, log);
    }

    /// <summary>Trains on an already featurized matrix of <paramref name="data"/>'s texts (hyper-parameter search reuses one per fold).</summary>
    internal static FramingModel Train(LabeledDataset data, FeatureMatrix x, TrainingOptions options, Action<string>? log = null)
    {
        Validate(data, options);
        return Fit(data, x, options, log);
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> when <paramref name="options"/> cannot train on <paramref name="data"/>:
    /// the one place training options are checked (featurizer, boosted trees when a head has trees,
    /// solver and penalty, head names, ties), before any featurizing or fitting.
    /// </summary>
    internal static void Validate(LabeledDataset data, TrainingOptions options)
    {
        options.Featurizer.Validate();
        if (data.Heads.Any(head => IsTrees(options.TrainerOf(head)))) options.Trees.Validate();
        if (options.MinDocumentFrequency < 1)
            throw new ArgumentException($"The minimum document frequency is a count of training rows, 1 or more; it is {options.MinDocumentFrequency}.");
        if (options.MinDocumentFrequency > 1 && options.BaseModel is not null)
            throw new ArgumentException("A minimum document frequency cannot be combined with a base model, whose rows the new model keeps.");
        if (options.ResolvedSolver == LinearSolver.Sag && options.L1 > 0)
            throw new ArgumentException("The SAG solver supports L2 only; use the L-BFGS solver (OWL-QN) with L1.");
        if (options.HeadTrainers.Keys.FirstOrDefault(k => !data.Heads.Contains(k)) is { } unknown)
            throw new ArgumentException($"A trainer is set for head '{unknown}', which the data does not have. Heads: {string.Join(", ", data.Heads)}.");
        CheckTies(options.Ties, data);
        CheckCascades(options, data);
        if (options.Embeddings is not null)
        {
            if (data.Heads.Any(head => options.TrainerOf(head) != HeadScorer.Linear))
                throw new ArgumentException("Sentence embeddings go with linear heads only: tree and cascade heads read n-gram features.");
            if (options.BaseModel is not null)
                throw new ArgumentException("Sentence embeddings cannot continue from a base model: train the embedding model from scratch.");
            if (!(options.EmbeddingScale > 0) || !float.IsFinite(options.EmbeddingScale))
                throw new ArgumentException($"The embedding scale must be a positive number; it is {options.EmbeddingScale}.");
        }
    }

    private static bool IsTrees(HeadScorer scorer) => scorer is HeadScorer.Trees or HeadScorer.Stacked;

    // A cascade head's labels must be the codebook's classes; it starts from no base model.
    private static void CheckCascades(TrainingOptions options, LabeledDataset data)
    {
        for (int h = 0; h < data.Heads.Count; h++)
        {
            if (options.TrainerOf(data.Heads[h]) != HeadScorer.Cascade) continue;
            if (options.BaseModel is not null) throw new ArgumentException($"Head '{data.Heads[h]}' is a cascade, which cannot continue from a base model.");
            try { DesignationCascade.For(data.LabelSet(h)); }
            catch (ArgumentException e) { throw new ArgumentException($"Head '{data.Heads[h]}': {e.Message}", e); }
        }
    }

    /// <summary>Trains with options that <see cref="Validate"/> has passed.</summary>
    internal static FramingModel Fit(LabeledDataset data, FeatureMatrix x, TrainingOptions options, Action<string>? log = null)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        var heads = new ModelHead[data.Heads.Count];
        var weights = new float[data.Heads.Count][];
        int offset = 0;
        var metadata = Metadata(options, data);
        if (options.BaseModel is not null) metadata["base-model"] = WarmStart.Describe(options.BaseModel);
        if (options.MinDocumentFrequency > 1) metadata["min-df"] = options.MinDocumentFrequency.ToString(CultureInfo.InvariantCulture);
        bool anyTrees = data.Heads.Any(head => IsTrees(options.TrainerOf(head)));
        int[] seen = data.Heads.Any(head => options.TrainerOf(head) == HeadScorer.Cascade) ? CascadeFit.ClassesSeen(data.Texts, options.Featurizer, parallel) : [];
        float[] statistics = anyTrees ? TreeInputs.Statistics(data.Texts, options.Featurizer, parallel) : [];
        HeadData[] inputs = data.Heads.Select((name, h) => HeadData.Of(name, data.LabelSet(h), data.Labels[h], options.ClassWeights)).ToArray();
        var fits = new (float[] W, int Iterations)[heads.Length];
        // Linear heads are independent: fit them side by side (each fit is deterministic on its own),
        // or give a single one every thread.
        bool severalLinear = data.Heads.Count(head => options.TrainerOf(head) != HeadScorer.Trees) > 1;
        var solverParallel = severalLinear ? new ParallelOptions { MaxDegreeOfParallelism = 1 } : parallel;
        Parallel.For(0, heads.Length, parallel, h =>
        {
            HeadData head = inputs[h];
            if (options.TrainerOf(head.Name) == HeadScorer.Trees) return;
            if (options.TrainerOf(head.Name) == HeadScorer.Cascade)
            {
                fits[h] = CascadeFit.Fit(x, seen, head.Labels, head.Rows, head.Y, options, solverParallel);
                return;
            }
            double[]? start = options.BaseModel is null ? null : WarmStart.Weights(options.BaseModel, x, head.Name, head.Labels);
            fits[h] = FitLinear(x, head.Rows, head.Y, head.Labels.Length, head.RowWeights, options, solverParallel, start);
        });
        for (int h = 0; h < heads.Length; h++)
        {
            HeadData head = inputs[h];
            HeadScorer scorer = options.TrainerOf(head.Name);
            heads[h] = new ModelHead(head.Name, head.Labels, offset);
            if (scorer == HeadScorer.Cascade) heads[h] = heads[h].AsCascade();
            offset += head.Labels.Length;
            weights[h] = fits[h].W ?? new float[(x.FeatureCount + 1) * head.Labels.Length];
            string done = "";
            if (scorer != HeadScorer.Trees)
            {
                metadata[$"head.{head.Name}.iterations"] = fits[h].Iterations.ToString(CultureInfo.InvariantCulture);
                done = options.ResolvedSolver == LinearSolver.Sag ? $", {fits[h].Iterations} SAG epochs" : $", {fits[h].Iterations} L-BFGS iterations";
                if (fits[h].Iterations >= options.MaxIterations) done += " (the iteration limit: it may not have converged to the tolerance)";
            }
            if (scorer == HeadScorer.Cascade) metadata[$"head.{head.Name}.trainer"] = "cascade";
            if (IsTrees(scorer))
            {
                var (trees, rounds) = TreeHeadTrainer.Train(x, statistics, head.Rows, head.Y, head.Labels.Length, head.RowWeights, scorer, options, parallel);
                heads[h] = heads[h].WithTrees(trees);
                metadata[$"head.{head.Name}.trainer"] = scorer.ToString().ToLowerInvariant();
                metadata[$"head.{head.Name}.boosting-iterations"] = rounds.ToString(CultureInfo.InvariantCulture);
                done += $", {rounds} boosting iterations over {trees.FeatureRows.Length} selected n-grams";
            }
            log?.Invoke($"{head.Name}: {head.Labels.Length} labels, {head.Rows.Length} rows{done}");
        }
        if (anyTrees) AddTreeMetadata(metadata, options.Trees);
        LinearModel linear = Assemble(x, heads, weights, offset, options.Featurizer.Buckets);
        if (options.Embeddings is not { } encoder) return new FramingModel(options.Featurizer, heads, linear, metadata, options.Ties);
        metadata["embeddings"] = $"{encoder.Name} ({encoder.Dimension} dimensions, scale {x.EmbeddingScale.ToString("R", CultureInfo.InvariantCulture)})";
        var embedding = new EmbeddingFeatures(encoder.Name, x.DenseColumns, x.EmbeddingScale, DenseWeights(x, heads, weights, offset), offset);
        return new FramingModel(options.Featurizer, heads, linear, metadata, options.Ties, embedding, encoder);
    }

    /// <summary>The heads' weights of the embedding columns, by dimension with all heads' classes side by side.</summary>
    private static float[] DenseWeights(FeatureMatrix x, ModelHead[] heads, float[][] weights, int classes)
    {
        var dense = new float[x.DenseColumns * classes];
        int ngrams = x.Buckets.Length;
        for (int h = 0; h < heads.Length; h++)
        {
            int k = heads[h].Labels.Count;
            for (int d = 0; d < x.DenseColumns; d++)
                for (int c = 0; c < k; c++)
                    dense[d * classes + heads[h].Offset + c] = weights[h][(ngrams + d) * k + c];
        }
        return dense;
    }

    // A tie must name heads and labels the data has.
    private static void CheckTies(IReadOnlyList<LabelTie> ties, LabeledDataset data)
    {
        if (ties.Count == 0) return;
        var heads = new ModelHead[data.Heads.Count];
        for (int h = 0, offset = 0; h < heads.Length; offset += heads[h].Labels.Count, h++)
            heads[h] = new ModelHead(data.Heads[h], data.LabelSet(h), offset);
        foreach (LabelTie tie in ties) tie.Resolve(heads);
    }

    /// <summary>
    /// Fits one multinomial logistic regression on <paramref name="rows"/> of <paramref name="x"/>, from
    /// <paramref name="start"/> (a base model's weights, which L2 then pulls toward) or from zero, on
    /// the threads <paramref name="parallel"/> allows. Returns the weights in float32, as the model stores them.
    /// </summary>
    internal static (float[] W, int Iterations) FitLinear(FeatureMatrix x, int[] rows, int[] y, int classes, double[] rowWeights, TrainingOptions options,
        ParallelOptions parallel, double[]? start = null)
    {
        if (options.ResolvedSolver == LinearSolver.Sag)
        {
            return SagSolver.Minimize(x, rows, y, classes, rowWeights, options.L2, options.MaxIterations, 100 * options.Tolerance, options.Seed, start,
                Threads(parallel.MaxDegreeOfParallelism));
        }
        var objective = new SoftmaxObjective(x, rows, y, classes, rowWeights, options.L2, parallel, center: start);
        var (w, iterations) = Lbfgs.Minimize(objective.Evaluate, objective.Dimension, options.L1, objective.BiasStart, options.MaxIterations, options.Tolerance, start);
        return (Array.ConvertAll(w, v => (float)v), iterations);
    }

    /// <summary>The threads a degree of parallelism allows: itself, or every core for -1.</summary>
    internal static int Threads(int maxDegreeOfParallelism) => maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;

    /// <summary>One head's training rows (those with a label), label indices and row weights.</summary>
    private sealed record HeadData(string Name, string[] Labels, int[] Rows, int[] Y, double[] RowWeights)
    {
        public static HeadData Of(string name, string[] labels, string?[] column, ClassWeighting weighting)
        {
            if (labels.Length < 2)
                throw new ArgumentException($"Head '{name}' needs at least two labels in the training data; found: {string.Join(", ", labels)}.");
            var rows = new List<int>();
            var y = new List<int>();
            for (int i = 0; i < column.Length; i++)
            {
                if (column[i] is null) continue;
                rows.Add(i);
                y.Add(Array.BinarySearch(labels, column[i], StringComparer.Ordinal));
            }
            int[] labelIndex = y.ToArray();
            return new HeadData(name, labels, rows.ToArray(), labelIndex, ModelTrainer.RowWeights(labelIndex, labels.Length, weighting));
        }
    }

    internal static double[] RowWeights(int[] y, int classes, ClassWeighting weighting)
    {
        if (weighting == ClassWeighting.None) return Enumerable.Repeat(1.0, y.Length).ToArray();
        var counts = new int[classes];
        foreach (int label in y) counts[label]++;
        return y.Select(label => (double)y.Length / (classes * counts[label])).ToArray();
    }

    private static void AddTreeMetadata(Dictionary<string, string> metadata, GradientBoostingOptions t)
    {
        string I(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        metadata["trees"] = $"{t.Iterations} iterations, {t.Leaves} leaves, {t.MinExamplesPerLeaf} per leaf, rate {I(t.LearningRate)}, leaf L2 {I(t.LeafL2)}, {t.MaxBins} bins, " +
            $"subsample {I(t.Subsample)}, feature fraction {I(t.FeatureFraction)}, validation {I(t.ValidationFraction)} (patience {t.EarlyStoppingRounds}), " +
            $"max features {t.MaxFeatures}, min df {t.MinDocumentFrequency}, stacking folds {t.StackingFolds}";
    }

    /// <summary>
    /// The heads' n-gram weights side by side in one model; a single head's array is already in that
    /// layout and goes in as it is. The embedding columns' weights, between the n-gram rows and the
    /// bias, are <see cref="DenseWeights"/>'.
    /// </summary>
    private static LinearModel Assemble(FeatureMatrix x, ModelHead[] heads, float[][] weights, int classes, int buckets)
    {
        int ngrams = x.Buckets.Length, features = ngrams * classes;
        if (heads.Length == 1)
            return LinearModelBuilder.FromPacked(buckets, classes, x.Buckets, x.Idf, weights[0].AsSpan(0, features), weights[0].AsSpan(x.FeatureCount * classes), x.DefaultIdf);
        var packed = new float[features];
        var bias = new float[classes];
        for (int h = 0; h < heads.Length; h++)
        {
            int k = heads[h].Labels.Count;
            float[] w = weights[h];
            for (int f = 0; f < ngrams; f++)
                for (int c = 0; c < k; c++)
                    packed[f * classes + heads[h].Offset + c] = w[f * k + c];
            for (int c = 0; c < k; c++) bias[heads[h].Offset + c] = w[x.FeatureCount * k + c];
        }
        return LinearModelBuilder.FromPacked(buckets, classes, x.Buckets, x.Idf, packed, bias, x.DefaultIdf);
    }

    private static Dictionary<string, string> Metadata(TrainingOptions o, LabeledDataset data) => new(StringComparer.Ordinal)
    {
        ["trainer"] = o.ResolvedSolver == LinearSolver.Sag ? "linear (multinomial logistic regression, SAG)" : "linear (multinomial logistic regression, L-BFGS/OWL-QN)",
        ["l2"] = o.L2.ToString("R", CultureInfo.InvariantCulture),
        ["l1"] = o.L1.ToString("R", CultureInfo.InvariantCulture),
        ["class-weights"] = o.ClassWeights.ToString().ToLowerInvariant(),
        ["max-iterations"] = o.MaxIterations.ToString(CultureInfo.InvariantCulture),
        ["tolerance"] = o.Tolerance.ToString("R", CultureInfo.InvariantCulture),
        ["seed"] = o.Seed.ToString(CultureInfo.InvariantCulture),
        ["training-rows"] = data.Count.ToString(CultureInfo.InvariantCulture),
    };
}
