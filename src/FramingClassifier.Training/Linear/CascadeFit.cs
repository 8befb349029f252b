namespace FramingClassifier.Training;

/// <summary>
/// Fits a <see cref="HeadScorer.Cascade"/> head: per codebook class of the head, a binary logistic
/// regression on the rows that contain a word of that class and whose label is not a higher class
/// (those rows are decided before the chain reaches it). Its column holds the yes-minus-no logit.
/// </summary>
internal static class CascadeFit
{
    /// <summary>A bit per <see cref="DesignationClass"/> whose words each text contains.</summary>
    public static int[] ClassesSeen(IReadOnlyList<string> texts, FeaturizerOptions options, ParallelOptions parallel)
    {
        var seen = new int[texts.Count];
        Parallel.For(0, texts.Count, parallel, i =>
        {
            ScoringScratch scratch = ScoringScratch.Current;
            ReadOnlySpan<Token> tokens = scratch.Featurize(options, texts[i], out ReadOnlySpan<char> normalized);
            seen[i] = scratch.ClassesSeen(options, normalized, tokens);
        });
        return seen;
    }

    /// <summary>The head's weights in the layout of a linear head ((features + 1) × labels), and the most solver iterations any class took.</summary>
    public static (float[] W, int Iterations) Fit(FeatureMatrix x, int[] seen, string[] labels, int[] rows, int[] y, TrainingOptions options, ParallelOptions parallel)
    {
        DesignationCascade cascade = DesignationCascade.For(labels);
        int k = labels.Length, features = x.FeatureCount, iterations = 0;
        var w = new float[(features + 1) * k];
        for (int label = 0; label < k; label++)
        {
            if (label == cascade.NoneLabel) continue;
            var (sub, yes) = Subproblem(cascade, seen, rows, y, label);
            if (sub.Length == 0) continue;
            if (yes.Distinct().Count() < 2)
            {
                // One answer only: a bias at its smoothed log-odds.
                int positives = yes.Count(v => v == 1);
                w[features * k + label] = (float)Math.Log((positives + 1.0) / (sub.Length - positives + 1.0));
                continue;
            }
            var (binary, its) = ModelTrainer.FitLinear(x, sub, yes, 2, ModelTrainer.RowWeights(yes, 2, options.ClassWeights), options, parallel);
            iterations = Math.Max(iterations, its);
            for (int f = 0; f <= features; f++) w[f * k + label] = binary[f * 2 + 1] - binary[f * 2];
        }
        return (w, iterations);
    }

    // The rows where class c's words appear and no higher class is the label, with 1 where the label is c.
    private static (int[] Rows, int[] Yes) Subproblem(DesignationCascade cascade, int[] seen, int[] rows, int[] y, int label)
    {
        DesignationClass c = cascade.ClassOf(label);
        var sub = new List<int>();
        var yes = new List<int>();
        for (int i = 0; i < rows.Length; i++)
        {
            if ((seen[rows[i]] & (1 << (int)c)) == 0 || cascade.ClassOf(y[i]) > c) continue;
            sub.Add(rows[i]);
            yes.Add(y[i] == label ? 1 : 0);
        }
        return (sub.ToArray(), yes.ToArray());
    }
}
