using Microsoft.ML.Trainers.FastTree;

namespace FramingClassifier.ML;

/// <summary>
/// Turns one FastTree ensemble per label into the runtime's <see cref="FramingClassifier.TreeEnsemble"/>:
/// trees interleaved so tree t adds to label t mod K, each tree's weight folded into its leaves, the
/// ensembles' biases as base scores. FastTree sends a row left when value &lt;= threshold and marks a
/// leaf as the complement of its index, as the runtime does.
/// </summary>
internal static class FastTreeConversion
{
    public static FramingClassifier.TreeEnsemble ToEnsemble(IReadOnlyList<TreeEnsemble<RegressionTree>> perLabel, int[] featureRows, int linearRows)
    {
        int classes = perLabel.Count;
        int rounds = perLabel.Max(e => e.Trees.Count);
        var roots = new List<int>();
        var feature = new List<int>();
        var threshold = new List<float>();
        var left = new List<int>();
        var right = new List<int>();
        var leaves = new List<float>();
        for (int round = 0; round < rounds; round++)
        {
            for (int k = 0; k < classes; k++)
            {
                TreeEnsemble<RegressionTree> ensemble = perLabel[k];
                if (round >= ensemble.Trees.Count)
                {
                    // A label whose boosting stopped early: a single zero leaf keeps the interleaving.
                    roots.Add(~leaves.Count);
                    leaves.Add(0f);
                    continue;
                }
                RegressionTree tree = ensemble.Trees[round];
                double weight = ensemble.TreeWeights[round];
                int nodeOffset = feature.Count, leafOffset = leaves.Count;
                int Map(int child) => child >= 0 ? child + nodeOffset : ~(~child + leafOffset);
                roots.Add(tree.NumberOfNodes == 0 ? ~leafOffset : nodeOffset);
                for (int n = 0; n < tree.NumberOfNodes; n++)
                {
                    if (tree.CategoricalSplitFlags[n]) throw new NotSupportedException("FastTree made a categorical split; the runtime scores numerical splits only.");
                    feature.Add(tree.NumericalSplitFeatureIndexes[n]);
                    threshold.Add(tree.NumericalSplitThresholds[n]);
                    left.Add(Map(tree.LeftChild[n]));
                    right.Add(Map(tree.RightChild[n]));
                }
                foreach (double v in tree.LeafValues) leaves.Add((float)(v * weight));
            }
        }
        float[] baseScores = perLabel.Select(e => (float)e.Bias).ToArray();
        return new FramingClassifier.TreeEnsemble(HeadScorer.Trees, classes, linearRows, featureRows, baseScores,
            [.. roots], [.. feature], [.. threshold], [.. left], [.. right], [.. leaves]);
    }
}
