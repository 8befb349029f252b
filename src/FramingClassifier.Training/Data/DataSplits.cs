using System.Globalization;

namespace FramingClassifier.Training;

/// <summary>Train/test splits: whole groups held out, or stratified k folds.</summary>
public static class DataSplits
{
    /// <summary>Rows whose group is in <paramref name="heldOut"/> go to test, the rest to train.</summary>
    /// <exception cref="ArgumentException">The data has no group column, or a held-out value never occurs.</exception>
    public static (int[] Train, int[] Test) HoldOutGroups(LabeledDataset data, IReadOnlyCollection<string> heldOut)
    {
        if (data.Groups is null) throw new ArgumentException("The data was read without a group column.");
        var present = data.Groups.OfType<string>().ToHashSet(StringComparer.Ordinal);
        string[] missing = heldOut.Where(v => !present.Contains(v)).ToArray();
        if (missing.Length > 0)
            throw new ArgumentException($"Hold-out values not found in the group column: {string.Join(", ", missing)}. Values: {string.Join(", ", present.Order(StringComparer.Ordinal))}.");
        var set = heldOut.ToHashSet(StringComparer.Ordinal);
        var train = new List<int>();
        var test = new List<int>();
        for (int i = 0; i < data.Count; i++)
            (data.Groups[i] is { } g && set.Contains(g) ? test : train).Add(i);
        return (train.ToArray(), test.ToArray());
    }

    /// <summary>
    /// Assigns every row to one of <paramref name="folds"/> folds so each label of <paramref name="labels"/>
    /// is spread evenly: the rows of each label are shuffled with <paramref name="seed"/> and dealt round-robin.
    /// Rows without a label are dealt the same way as a label of their own.
    /// </summary>
    public static int[] StratifiedFolds(IReadOnlyList<string?> labels, int folds, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var random = new Random(seed);
        var fold = new int[labels.Count];
        int next = 0;
        foreach (var group in Enumerable.Range(0, labels.Count).GroupBy(i => labels[i] ?? "").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            int[] rows = group.ToArray();
            random.Shuffle(rows);
            foreach (int row in rows) fold[row] = next++ % folds;
        }
        return fold;
    }

    /// <summary>Stratified folds of class indices, dealt as their labels would be.</summary>
    internal static int[] StratifiedFolds(int[] classIndices, int folds, int seed) =>
        StratifiedFolds(classIndices.Select(k => (string?)k.ToString(CultureInfo.InvariantCulture)).ToArray(), folds, seed);

    /// <summary>The positions outside fold <paramref name="f"/>, to train on, and inside it, to score; both ascending.</summary>
    internal static (int[] Train, int[] Test) Fold(int[] fold, int f)
    {
        var train = new List<int>(fold.Length);
        var test = new List<int>(fold.Length / 2);
        for (int i = 0; i < fold.Length; i++) (fold[i] == f ? test : train).Add(i);
        return (train.ToArray(), test.ToArray());
    }

    /// <summary>The examples of <paramref name="data"/> outside fold <paramref name="f"/>, to train on, and inside it, to score.</summary>
    internal static (LabeledDataset Train, LabeledDataset Test) Fold(LabeledDataset data, int[] fold, int f)
    {
        var (train, test) = Fold(fold, f);
        return (data.Subset(train), data.Subset(test));
    }
}
