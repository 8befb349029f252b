using System.Globalization;
using FramingClassifier.Training;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using RegressionTree = Microsoft.ML.Trainers.FastTree.RegressionTree;

namespace FramingClassifier.ML;

/// <summary>
/// Trains every head with ML.NET's FastTree on FramingClassifier's features and stores the trees in
/// the runtime's own format (a tree head), so the model scores with no ML.NET and no allocation. Per
/// head: the same chi-square-selected n-gram columns and text statistics as the hand-written
/// <c>trees</c> trainer (<see cref="GradientBoostingOptions.MaxFeatures"/>, <see cref="GradientBoostingOptions.MinDocumentFrequency"/>),
/// then one FastTree binary model (logistic loss) per label against the rest; the head's scores are
/// the per-label tree sums, and its probabilities their softmax.
/// </summary>
/// <example><code>
/// FramingModel model = FastTreeTrainer.Train(data, new TrainingOptions { Trees = new() { Iterations = 200 } });
/// </code></example>
public static class FastTreeTrainer
{
    /// <summary>Trains a model whose heads are all FastTree ensembles; <see cref="TrainingOptions.Trees"/> sets iterations, leaves, examples per leaf, learning rate and bins.</summary>
    public static FramingModel Train(LabeledDataset data, TrainingOptions options, Action<string>? log = null) =>
        Train(data, options, log, null);

    /// <summary>As the public overload; <paramref name="rawScores"/> receives, per head and label, ML.NET's own raw scores of the head's training rows (for tests).</summary>
    internal static FramingModel Train(LabeledDataset data, TrainingOptions options, Action<string>? log, Action<int, int, float[]>? rawScores)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        var linearOptions = options with { Trainer = HeadScorer.Linear, HeadTrainers = new Dictionary<string, HeadScorer>() };
        ModelTrainer.Validate(data, linearOptions with { Trainer = HeadScorer.Trees });
        if (data.Count == 0) throw new ArgumentException("No training rows.");
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        FeatureMatrix x = FeatureMatrix.For(data.Texts, options, parallel);
        // The linear rows carry the IDF the tree features are computed with; their weights go unused.
        FramingModel linear = ModelTrainer.Fit(data, x, linearOptions);
        float[] statistics = TreeInputs.Statistics(data.Texts, options.Featurizer, parallel);
        var heads = linear.Heads.ToArray();
        var metadata = new Dictionary<string, string>(linear.Metadata);
        for (int h = 0; h < heads.Length; h++)
        {
            string[] labels = [.. heads[h].Labels];
            int[] rows = Enumerable.Range(0, data.Count).Where(i => data.Labels[h][i] is not null).ToArray();
            int[] y = rows.Select(i => Array.IndexOf(labels, data.Labels[h][i])).ToArray();
            GradientBoostingOptions o = options.Trees;
            int[] selected = FeatureSelector.Select(x, rows, y, labels.Length, o.MaxFeatures, o.MinDocumentFrequency);
            TreeInputs inputs = TreeInputs.Build(x, rows, selected, statistics, null, labels.Length);
            var perLabel = new TreeEnsemble<RegressionTree>[labels.Length];
            for (int k = 0; k < labels.Length; k++)
            {
                (perLabel[k], float[] scores) = FitOneAgainstRest(inputs, y, k, o, options.Seed, rawScores is not null);
                rawScores?.Invoke(h, k, scores);
            }
            heads[h] = heads[h].WithTrees(FastTreeConversion.ToEnsemble(perLabel, selected, x.FeatureCount));
            metadata[$"head.{heads[h].Name}.trainer"] = "fasttree";
            log?.Invoke($"{heads[h].Name}: {labels.Length} labels, {rows.Length} rows, ML.NET FastTree {o.Iterations} trees x {labels.Length} labels over {selected.Length} selected n-grams");
        }
        metadata["trainer"] = "fasttree";
        metadata["fasttree.trees"] = options.Trees.Iterations.ToString(CultureInfo.InvariantCulture);
        metadata["fasttree.leaves"] = options.Trees.Leaves.ToString(CultureInfo.InvariantCulture);
        metadata["fasttree.learning-rate"] = options.Trees.LearningRate.ToString(CultureInfo.InvariantCulture);
        return new FramingModel(options.Featurizer, heads, linear.Linear, metadata);
    }

    private sealed class TreeRow
    {
        public bool Label;
        public VBuffer<float> Features;
    }

    private static (TreeEnsemble<RegressionTree>, float[] RawScores) FitOneAgainstRest(TreeInputs inputs, int[] y, int label, GradientBoostingOptions o, int seed, bool score)
    {
        var ml = new MLContext(seed);
        int width = inputs.FeatureCount;
        var rows = new TreeRow[inputs.Rows];
        for (int r = 0; r < rows.Length; r++)
        {
            int start = inputs.RowStart[r], sparse = inputs.RowStart[r + 1] - start;
            var indices = new int[sparse + inputs.DenseFeatures];
            var values = new float[indices.Length];
            inputs.Features.AsSpan(start, sparse).CopyTo(indices);
            inputs.Values.AsSpan(start, sparse).CopyTo(values);
            for (int d = 0; d < inputs.DenseFeatures; d++)
            {
                indices[sparse + d] = inputs.SparseFeatures + d;
                values[sparse + d] = inputs.Dense[r * inputs.DenseFeatures + d];
            }
            rows[r] = new TreeRow { Label = y[r] == label, Features = new VBuffer<float>(width, indices.Length, values, indices) };
        }
        var schema = SchemaDefinition.Create(typeof(TreeRow));
        schema[nameof(TreeRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        IDataView view = ml.Data.LoadFromEnumerable(rows, schema);
        var trainer = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            LabelColumnName = nameof(TreeRow.Label),
            FeatureColumnName = nameof(TreeRow.Features),
            NumberOfTrees = o.Iterations,
            NumberOfLeaves = o.Leaves,
            MinimumExampleCountPerLeaf = o.MinExamplesPerLeaf,
            LearningRate = o.LearningRate,
            MaximumBinCountPerFeature = o.MaxBins,
            Seed = seed,
        });
        var fitted = trainer.Fit(view);
        float[] raw = score ? fitted.Transform(view).GetColumn<float>("Score").ToArray() : [];
        return (fitted.Model.SubModel.TrainedTreeEnsemble, raw);
    }
}
