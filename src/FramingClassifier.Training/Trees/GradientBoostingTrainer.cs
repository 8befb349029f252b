using System.Collections.Concurrent;

namespace FramingClassifier.Training;

/// <summary>
/// Gradient boosting of regression trees on the multiclass softmax loss (Friedman 2001, "Greedy
/// function approximation: a gradient boosting machine", Algorithm 6, with the Newton leaf step
/// γ = (K−1)/K · Σ r / Σ |r|(1−|r|)), with the histogram split finding of LightGBM (Ke et al. 2017,
/// "LightGBM: a highly efficient gradient boosting decision tree") and FastTree. Each iteration fits
/// one tree per class to the gradients of the current logits; the K trees of an iteration are
/// independent, so they grow in parallel. Row subsampling and feature fractions are drawn from
/// seeded generators per iteration and class, so results do not depend on the number of threads.
/// </summary>
internal static class GradientBoostingTrainer
{
    /// <summary>Trees for <paramref name="classes"/> classes; <paramref name="validation"/> (may be null) drives early stopping.</summary>
    public static BoostedTrees Train(TreeInputs inputs, int[] labels, double[] rowWeights, int classes, GradientBoostingOptions o, int seed,
        ParallelOptions parallel, (TreeInputs Inputs, int[] Labels)? validation = null)
    {
        var binner = FeatureBinner.Fit(inputs, o.MaxBins);
        var data = new BinnedDataset(inputs, binner);
        BinnedDataset? validationData = validation is { } v ? new BinnedDataset(v.Inputs, binner) : null;
        int n = data.Rows;
        float[] baseScores = BaseScores(labels, rowWeights, classes);
        var scores = new double[n * classes];
        for (int i = 0; i < n; i++) for (int k = 0; k < classes; k++) scores[i * classes + k] = baseScores[k];
        var validationScores = new double[(validationData?.Rows ?? 0) * classes];
        for (int i = 0; i < validationScores.Length; i++) validationScores[i] = baseScores[i % classes];
        var gradient = Enumerable.Range(0, classes).Select(_ => new double[n]).ToArray();
        var hessian = Enumerable.Range(0, classes).Select(_ => new double[n]).ToArray();
        var learners = new ConcurrentBag<RegressionTreeLearner>();
        var trees = new List<RegressionTree>();
        double scale = o.LearningRate * (classes - 1) / classes;
        double bestLoss = double.PositiveInfinity;
        int bestIteration = -1;
        for (int it = 0; it < o.Iterations; it++)
        {
            Gradients(scores, labels, rowWeights, classes, gradient, hessian, parallel);
            int[] rows = SampleRows(n, o.Subsample, seed, it);
            var iteration = new RegressionTree[classes];
            Parallel.For(0, classes, parallel, k =>
            {
                if (!learners.TryTake(out RegressionTreeLearner? learner)) learner = new RegressionTreeLearner(data, o.Leaves, o.MinExamplesPerLeaf, o.LeafL2);
                bool[]? allowed = FeatureMask(data.FeatureCount, o.FeatureFraction, seed, it, k);
                RegressionTree tree = learner.Grow(rows, gradient[k], hessian[k], allowed, scale);
                UpdateScores(tree, learner, data, rows, scores, classes, k);
                learners.Add(learner);
                iteration[k] = tree;
            });
            trees.AddRange(iteration);
            if (validationData is null) continue;
            double loss = ValidationLoss(iteration, validationData, validation!.Value.Labels, validationScores, classes);
            if (loss < bestLoss) (bestLoss, bestIteration) = (loss, it);
            else if (it - bestIteration >= o.EarlyStoppingRounds) break;
        }
        if (validationData is not null) trees.RemoveRange((bestIteration + 1) * classes, trees.Count - (bestIteration + 1) * classes);
        return new BoostedTrees(baseScores, trees, binner, validationData is null ? trees.Count / classes : bestIteration + 1);
    }

    /// <summary>Centered log priors of the (weighted) classes: boosting starts from the prior, not from uniform.</summary>
    private static float[] BaseScores(int[] labels, double[] rowWeights, int classes)
    {
        var mass = new double[classes];
        for (int i = 0; i < labels.Length; i++) mass[labels[i]] += rowWeights[i];
        double total = mass.Sum();
        double[] logs = mass.Select(m => Math.Log(Math.Max(m / total, 1e-6))).ToArray();
        double mean = logs.Average();
        return logs.Select(l => (float)(l - mean)).ToArray();
    }

    /// <summary>g = w·(p − y) and h = w·p·(1 − p) of the softmax loss, per class.</summary>
    private static void Gradients(double[] scores, int[] labels, double[] rowWeights, int classes, double[][] gradient, double[][] hessian, ParallelOptions parallel)
    {
        Parallel.For(0, (labels.Length + 1023) / 1024, parallel, block =>
        {
            Span<double> p = stackalloc double[classes];
            for (int i = block * 1024; i < Math.Min(labels.Length, (block + 1) * 1024); i++)
            {
                Softmax(scores.AsSpan(i * classes, classes), p);
                for (int k = 0; k < classes; k++)
                {
                    gradient[k][i] = rowWeights[i] * (p[k] - (labels[i] == k ? 1 : 0));
                    hessian[k][i] = rowWeights[i] * p[k] * (1 - p[k]);
                }
            }
        });
    }

    private static void Softmax(ReadOnlySpan<double> s, Span<double> p)
    {
        double max = double.NegativeInfinity;
        foreach (double v in s) max = Math.Max(max, v);
        double sum = 0;
        for (int k = 0; k < s.Length; k++) sum += p[k] = Math.Exp(s[k] - max);
        for (int k = 0; k < s.Length; k++) p[k] /= sum;
    }

    /// <summary>All rows, or a seeded sample without replacement of Subsample·n rows, ascending.</summary>
    private static int[] SampleRows(int n, double fraction, int seed, int iteration)
    {
        int[] all = Enumerable.Range(0, n).ToArray();
        if (fraction >= 1) return all;
        var random = new Random(unchecked(seed * 7919 + iteration));
        int m = Math.Max(1, (int)Math.Round(fraction * n));
        for (int i = 0; i < m; i++)
        {
            int j = i + random.Next(n - i);
            (all[i], all[j]) = (all[j], all[i]);
        }
        int[] sample = all[..m];
        Array.Sort(sample);
        return sample;
    }

    private static bool[]? FeatureMask(int features, double fraction, int seed, int iteration, int k)
    {
        if (fraction >= 1) return null;
        var random = new Random(unchecked((seed * 7919 + iteration) * 131 + k + 1));
        var mask = new bool[features];
        int m = Math.Max(1, (int)Math.Round(fraction * features));
        foreach (int f in Enumerable.Range(0, features).OrderBy(_ => random.Next()).Take(m)) mask[f] = true;
        return mask;
    }

    /// <summary>Adds the new tree of class k to every training row: in-sample rows by leaf, the rest by traversal.</summary>
    private static void UpdateScores(RegressionTree tree, RegressionTreeLearner learner, BinnedDataset data, int[] rows, double[] scores, int classes, int k)
    {
        for (int l = 0; l < tree.LeafValues.Length; l++)
            foreach (int row in learner.LeafRows(l)) scores[row * classes + k] += tree.LeafValues[l];
        if (rows.Length == data.Rows) return;
        int next = 0;
        for (int row = 0; row < data.Rows; row++)
        {
            if (next < rows.Length && rows[next] == row) { next++; continue; }
            scores[row * classes + k] += tree.Predict(data, row);
        }
    }

    private static double ValidationLoss(RegressionTree[] iteration, BinnedDataset data, int[] labels, double[] scores, int classes)
    {
        double loss = 0;
        Span<double> p = stackalloc double[classes];
        for (int i = 0; i < data.Rows; i++)
        {
            for (int k = 0; k < classes; k++) scores[i * classes + k] += iteration[k].Predict(data, i);
            Softmax(scores.AsSpan(i * classes, classes), p);
            loss -= Math.Log(Math.Max(p[labels[i]], 1e-15));
        }
        return loss / Math.Max(1, data.Rows);
    }
}
