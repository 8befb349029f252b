namespace FramingClassifier.Training;

/// <summary>
/// Continuing from a base model (<see cref="TrainingOptions.BaseModel"/>): its weights, mapped onto
/// the columns and labels of a new head, are both the solver's start point and the centre the L2
/// penalty pulls toward. A head or label the base model lacks starts at 0.
/// </summary>
internal static class WarmStart
{
    /// <summary>Throws unless the new model featurizes text exactly as the base model does, which its weights assume.</summary>
    public static void CheckCompatible(FramingModel baseModel, TrainingOptions options)
    {
        if (options.Featurizer != baseModel.Options)
            throw new ArgumentException($"The featurizer options must be those of the base model ({baseModel.Options}); found {options.Featurizer}.");
    }

    /// <summary>Provenance for the new model's metadata.</summary>
    public static string Describe(FramingModel baseModel) =>
        "continued from a model of " + ModelHead.Names(baseModel.Heads)
        + (baseModel.Metadata.TryGetValue("training-rows", out string? rows) ? $" trained on {rows} rows" : "");

    /// <summary>The base model's weights for <paramref name="labels"/> of head <paramref name="head"/>, laid out as <see cref="SoftmaxObjective"/> expects.</summary>
    public static double[] Weights(FramingModel baseModel, FeatureMatrix x, string head, string[] labels)
    {
        int k = labels.Length;
        var w = new double[x.FeatureCount * k + k];
        ModelHead? baseHead = ModelHead.Find(baseModel.Heads, head);
        if (baseHead is null) return w;
        LinearModel linear = baseModel.Linear;
        for (int c = 0; c < k; c++)
        {
            int label = IndexOf(baseHead.Labels, labels[c]);
            if (label < 0) continue;
            int column = baseHead.Offset + label;
            for (int f = 0; f < x.FeatureCount; f++)
            {
                int row = linear.RowOf[x.Buckets[f]];
                if (row >= 0) w[f * k + c] = linear.Weights[row * linear.Stride + column];
            }
            w[x.FeatureCount * k + c] = linear.Bias[column];
        }
        return w;
    }

    private static int IndexOf(IReadOnlyList<string> labels, string label)
    {
        for (int i = 0; i < labels.Count; i++)
            if (labels[i] == label) return i;
        return -1;
    }
}
