using System.Globalization;

namespace FramingClassifier.Training;

/// <summary>
/// Trains a multi-head linear model: one featurization of the texts shared by every head, then one
/// multinomial logistic regression per label column, solved with L-BFGS (OWL-QN with L1).
/// </summary>
/// <example><code>
/// var data = LabeledDataset.Load(["data/corpus/a.tsv"], new DatasetOptions());
/// FramingModel model = ModelTrainer.Train(data, new TrainingOptions { L2 = 1e-4 });
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
        options.Featurizer.Validate();
        if (data.Count == 0) throw new ArgumentException("No training rows.");
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        return Train(data, FeatureMatrix.For(data.Texts, options, parallel), options, log);
    }

    /// <summary>Trains on an already featurized matrix of <paramref name="data"/>'s texts (hyper-parameter search reuses one per fold).</summary>
    internal static FramingModel Train(LabeledDataset data, FeatureMatrix x, TrainingOptions options, Action<string>? log = null)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        var heads = new ModelHead[data.Heads.Count];
        var weights = new double[data.Heads.Count][];
        int offset = 0;
        var metadata = Metadata(options, data);
        if (options.BaseModel is not null) metadata["base-model"] = WarmStart.Describe(options.BaseModel);
        for (int h = 0; h < heads.Length; h++)
        {
            string[] labels = data.LabelSet(h);
            if (labels.Length < 2)
                throw new ArgumentException($"Head '{data.Heads[h]}' needs at least two labels in the training data; found: {string.Join(", ", labels)}.");
            heads[h] = new ModelHead(data.Heads[h], labels, offset);
            offset += labels.Length;
            double[]? start = options.BaseModel is null ? null : WarmStart.Weights(options.BaseModel, x, data.Heads[h], labels);
            var (w, iterations, rows) = TrainHead(x, data.Labels[h], labels, options, parallel, start);
            weights[h] = w;
            metadata[$"head.{data.Heads[h]}.iterations"] = iterations.ToString(CultureInfo.InvariantCulture);
            log?.Invoke($"{data.Heads[h]}: {labels.Length} labels, {rows} rows, {iterations} iterations");
        }
        LinearModel linear = Assemble(x, heads, weights, offset, options.Featurizer.Buckets);
        return new FramingModel(options.Featurizer, heads, linear, metadata);
    }

    private static (double[] W, int Iterations, int Rows) TrainHead(FeatureMatrix x, string?[] column, string[] labels, TrainingOptions options, ParallelOptions parallel,
        double[]? start)
    {
        var rows = new List<int>();
        var y = new List<int>();
        for (int i = 0; i < column.Length; i++)
        {
            if (column[i] is null) continue;
            rows.Add(i);
            y.Add(Array.BinarySearch(labels, column[i], StringComparer.Ordinal));
        }
        double[] rowWeights = RowWeights(y, labels.Length, options.ClassWeights);
        var objective = new SoftmaxObjective(x, rows.ToArray(), y.ToArray(), labels.Length, rowWeights, options.L2, parallel, center: start);
        var (w, iterations) = Lbfgs.Minimize(objective.Evaluate, objective.Dimension, options.L1, objective.BiasStart, options.MaxIterations, options.Tolerance, start);
        return (w, iterations, rows.Count);
    }

    private static double[] RowWeights(List<int> y, int classes, ClassWeighting weighting)
    {
        if (weighting == ClassWeighting.None) return Enumerable.Repeat(1.0, y.Count).ToArray();
        var counts = new int[classes];
        foreach (int label in y) counts[label]++;
        return y.Select(label => (double)y.Count / (classes * counts[label])).ToArray();
    }

    private static LinearModel Assemble(FeatureMatrix x, ModelHead[] heads, double[][] weights, int classes, int buckets)
    {
        var packed = new float[x.FeatureCount * classes];
        var bias = new float[classes];
        for (int h = 0; h < heads.Length; h++)
        {
            int k = heads[h].Labels.Count;
            double[] w = weights[h];
            for (int f = 0; f < x.FeatureCount; f++)
                for (int c = 0; c < k; c++)
                    packed[f * classes + heads[h].Offset + c] = (float)w[f * k + c];
            for (int c = 0; c < k; c++) bias[heads[h].Offset + c] = (float)w[x.FeatureCount * k + c];
        }
        return LinearModelBuilder.FromPacked(buckets, classes, x.Buckets, x.Idf, packed, bias, x.DefaultIdf);
    }

    private static Dictionary<string, string> Metadata(TrainingOptions o, LabeledDataset data) => new(StringComparer.Ordinal)
    {
        ["trainer"] = "linear (multinomial logistic regression, L-BFGS/OWL-QN)",
        ["l2"] = o.L2.ToString("R", CultureInfo.InvariantCulture),
        ["l1"] = o.L1.ToString("R", CultureInfo.InvariantCulture),
        ["class-weights"] = o.ClassWeights.ToString().ToLowerInvariant(),
        ["max-iterations"] = o.MaxIterations.ToString(CultureInfo.InvariantCulture),
        ["seed"] = o.Seed.ToString(CultureInfo.InvariantCulture),
        ["training-rows"] = data.Count.ToString(CultureInfo.InvariantCulture),
    };
}
