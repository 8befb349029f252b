namespace FramingClassifier.Training;

/// <summary>
/// A tree as the learner grows it: splits on (feature, bin), children as node indices (&gt;= 0, always
/// after their parent) or ~leaf. Flattened into a <see cref="TreeEnsemble"/> once boosting ends.
/// </summary>
internal sealed class RegressionTree
{
    public List<int> Feature { get; } = [];
    public List<int> Bin { get; } = [];
    public List<int> Left { get; } = [];
    public List<int> Right { get; } = [];
    public double[] LeafValues { get; set; } = [];

    public int Nodes => Feature.Count;

    /// <summary>The root: node 0, or leaf 0 when the tree never split.</summary>
    public int Root => Nodes > 0 ? 0 : ~0;

    /// <summary>The value of the leaf a binned row falls in.</summary>
    public double Predict(BinnedDataset data, int row)
    {
        int node = Root;
        while (node >= 0)
            node = data.BinOf(row, Feature[node]) <= Bin[node] ? Left[node] : Right[node];
        return LeafValues[~node];
    }
}
