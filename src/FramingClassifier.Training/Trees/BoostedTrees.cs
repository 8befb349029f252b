namespace FramingClassifier.Training;

/// <summary>The result of boosting: base scores, trees (tree t belongs to class t mod K) and the binning they split on.</summary>
internal sealed class BoostedTrees(float[] baseScores, List<RegressionTree> trees, FeatureBinner binner, int iterations)
{
    public float[] BaseScores => baseScores;

    public IReadOnlyList<RegressionTree> Trees => trees;

    /// <summary>Iterations kept (fewer than asked when early stopping cut boosting short).</summary>
    public int Iterations => iterations;

    /// <summary>
    /// Flattens the trees into the runtime's node arrays; a split on bin b becomes "value &lt;= the bin's
    /// upper bound", which sends every training value to the same side as its bin did.
    /// </summary>
    public TreeEnsemble ToEnsemble(HeadScorer kind, int[] featureRows, int linearRows)
    {
        var roots = new int[trees.Count];
        var feature = new List<int>();
        var threshold = new List<float>();
        var left = new List<int>();
        var right = new List<int>();
        var leaves = new List<float>();
        for (int t = 0; t < trees.Count; t++)
        {
            RegressionTree tree = trees[t];
            int nodeOffset = feature.Count, leafOffset = leaves.Count;
            int Map(int child) => child >= 0 ? child + nodeOffset : ~(~child + leafOffset);
            roots[t] = Map(tree.Root);
            for (int n = 0; n < tree.Nodes; n++)
            {
                feature.Add(tree.Feature[n]);
                threshold.Add(binner.Thresholds[tree.Feature[n]][tree.Bin[n]]);
                left.Add(Map(tree.Left[n]));
                right.Add(Map(tree.Right[n]));
            }
            foreach (double v in tree.LeafValues) leaves.Add((float)v);
        }
        return new TreeEnsemble(kind, baseScores.Length, linearRows, featureRows, baseScores, roots,
            feature.ToArray(), threshold.ToArray(), left.ToArray(), right.ToArray(), leaves.ToArray());
    }
}
