namespace FramingClassifier.Training;

/// <summary>
/// Grows one regression tree on gradients and hessians, leaf-wise (best-first, as LightGBM and
/// FastTree do): the leaf whose best split gains most is split next, until the tree has MaxLeaves
/// leaves or no split gains. Each leaf owns a contiguous range of a row-index array, kept in
/// ascending row order by stable partitioning, so sums are always taken in the same order and a
/// given seed gives the same trees on any number of threads. Reused across trees; not thread-safe.
/// </summary>
internal sealed class RegressionTreeLearner
{
    /// <summary>Smallest hessian sum of a leaf (LightGBM's min_sum_hessian_in_leaf default).</summary>
    private const double MinHessian = 1e-3;

    private readonly BinnedDataset _data;
    private readonly int _maxLeaves;
    private readonly int _minCount;
    private readonly double _l2;
    private readonly int[] _order;
    private readonly int[] _buffer;
    private readonly Histogram[] _pool;
    private readonly Histogram[] _leafHistogram;
    private readonly int[] _leafStart;
    private readonly int[] _leafCount;
    private readonly SplitCandidate[] _leafSplit;
    private readonly (int Node, bool Left)[] _leafParent;

    public RegressionTreeLearner(BinnedDataset data, int maxLeaves, int minCount, double l2)
    {
        _l2 = l2;
        _data = data;
        _maxLeaves = maxLeaves;
        _minCount = minCount;
        _order = new int[data.Rows];
        _buffer = new int[data.Rows];
        _pool = new Histogram[maxLeaves];
        _leafHistogram = new Histogram[maxLeaves];
        _leafStart = new int[maxLeaves];
        _leafCount = new int[maxLeaves];
        _leafSplit = new SplitCandidate[maxLeaves];
        _leafParent = new (int, bool)[maxLeaves];
    }

    /// <summary>Rows of leaf <paramref name="leaf"/> of the last grown tree, ascending.</summary>
    public ReadOnlySpan<int> LeafRows(int leaf) => _order.AsSpan(_leafStart[leaf], _leafCount[leaf]);

    /// <summary>
    /// Grows a tree on <paramref name="rows"/> (ascending) and sets each leaf to the Newton step
    /// −<paramref name="scale"/>·G/(H+λ) of its rows.
    /// </summary>
    public RegressionTree Grow(ReadOnlySpan<int> rows, double[] gradient, double[] hessian, bool[]? allowed, double scale)
    {
        var tree = new RegressionTree();
        rows.CopyTo(_order);
        int free = 0;
        _leafStart[0] = 0;
        _leafCount[0] = rows.Length;
        _leafHistogram[0] = Rent(ref free);
        _leafHistogram[0].Build(rows, gradient, hessian);
        _leafSplit[0] = FindSplit(0, allowed);
        int leaves = 1;
        while (leaves < _maxLeaves)
        {
            int leaf = BestLeaf(leaves);
            if (leaf < 0) break;
            Split(tree, leaf, leaves, ref free, gradient, hessian, allowed);
            leaves++;
        }
        tree.LeafValues = new double[leaves];
        for (int l = 0; l < leaves; l++)
        {
            Histogram h = _leafHistogram[l];
            tree.LeafValues[l] = h.TotalHessian + _l2 > 1e-12 ? -scale * h.TotalGradient / (h.TotalHessian + _l2) : 0;
        }
        return tree;
    }

    private int BestLeaf(int leaves)
    {
        int best = -1;
        for (int l = 0; l < leaves; l++)
            if (_leafSplit[l].Exists && (best < 0 || _leafSplit[l].Gain > _leafSplit[best].Gain)) best = l;
        return best;
    }

    private void Split(RegressionTree tree, int leaf, int newLeaf, ref int free, double[] gradient, double[] hessian, bool[]? allowed)
    {
        SplitCandidate split = _leafSplit[leaf];
        int node = tree.Nodes;
        tree.Feature.Add(split.Feature);
        tree.Bin.Add(split.Bin);
        tree.Left.Add(~leaf);
        tree.Right.Add(~newLeaf);
        if (node > 0)
        {
            var (parent, isLeft) = _leafParent[leaf];
            (isLeft ? tree.Left : tree.Right)[parent] = node;
        }
        _leafParent[leaf] = (node, true);
        _leafParent[newLeaf] = (node, false);
        int leftCount = Partition(_leafStart[leaf], _leafCount[leaf], split.Feature, split.Bin);
        _leafStart[newLeaf] = _leafStart[leaf] + leftCount;
        _leafCount[newLeaf] = _leafCount[leaf] - leftCount;
        _leafCount[leaf] = leftCount;
        // Build the smaller child from its rows; the larger one is the parent's histogram minus it.
        Histogram parentHistogram = _leafHistogram[leaf];
        Histogram small = Rent(ref free);
        bool leftIsSmall = leftCount <= _leafCount[newLeaf];
        int smallLeaf = leftIsSmall ? leaf : newLeaf, largeLeaf = leftIsSmall ? newLeaf : leaf;
        small.Build(LeafRows(smallLeaf), gradient, hessian);
        parentHistogram.Subtract(small);
        _leafHistogram[smallLeaf] = small;
        _leafHistogram[largeLeaf] = parentHistogram;
        _leafSplit[leaf] = FindSplit(leaf, allowed);
        _leafSplit[newLeaf] = FindSplit(newLeaf, allowed);
    }

    private SplitCandidate FindSplit(int leaf, bool[]? allowed) =>
        _leafCount[leaf] < 2 * _minCount ? SplitCandidate.None : _leafHistogram[leaf].BestSplit(allowed, _minCount, MinHessian, _l2);

    /// <summary>Stable partition of a leaf's rows: bin &lt;= <paramref name="bin"/> first. Returns the left count.</summary>
    private int Partition(int start, int count, int feature, int bin)
    {
        int left = 0, right = 0;
        for (int i = start; i < start + count; i++)
        {
            int row = _order[i];
            if (_data.BinOf(row, feature) <= bin) _order[start + left++] = row;
            else _buffer[right++] = row;
        }
        Array.Copy(_buffer, 0, _order, start + left, right);
        return left;
    }

    /// <summary>A histogram no leaf of the current tree holds; a tree never needs more than one per leaf.</summary>
    private Histogram Rent(ref int free)
    {
        Histogram h = _pool[free] ??= new Histogram(_data);
        free++;
        return h;
    }
}
