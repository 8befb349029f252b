namespace FramingClassifier.Training;

/// <summary>
/// Binned training rows: sparse features as row-major (feature, bin) pairs holding only non-zero
/// values (features ascending within a row), dense features as a byte matrix. Only the non-zero
/// entries exist, so memory and histogram time follow the number of non-zeros, never rows x columns.
/// </summary>
internal sealed class BinnedDataset
{
    public BinnedDataset(TreeInputs inputs, FeatureBinner binner)
    {
        Binner = binner;
        SparseFeatures = inputs.SparseFeatures;
        DenseFeatures = inputs.DenseFeatures;
        RowStart = inputs.RowStart;
        Features = inputs.Features;
        Bins = new byte[inputs.Values.Length];
        for (int j = 0; j < Bins.Length; j++) Bins[j] = binner.Bin(Features[j], inputs.Values[j]);
        Dense = new byte[inputs.Dense.Length];
        for (int r = 0; r < inputs.Rows; r++)
            for (int d = 0; d < DenseFeatures; d++)
                Dense[r * DenseFeatures + d] = binner.Bin(SparseFeatures + d, inputs.Dense[r * DenseFeatures + d]);
        BinStart = new int[FeatureCount + 1];
        for (int f = 0; f < FeatureCount; f++) BinStart[f + 1] = BinStart[f] + binner.BinCount(f);
    }

    public FeatureBinner Binner { get; }
    public int SparseFeatures { get; }
    public int DenseFeatures { get; }
    public int[] RowStart { get; }
    public int[] Features { get; }
    public byte[] Bins { get; }
    public byte[] Dense { get; }

    /// <summary>Offset of each feature's first bin in a histogram; the last entry is the total bin count.</summary>
    public int[] BinStart { get; }

    public int Rows => RowStart.Length - 1;

    public int FeatureCount => SparseFeatures + DenseFeatures;

    public int BinCount(int feature) => BinStart[feature + 1] - BinStart[feature];

    /// <summary>The bin of one feature in one row (binary search among the row's non-zeros for a sparse feature).</summary>
    public int BinOf(int row, int feature)
    {
        if (feature >= SparseFeatures) return Dense[row * DenseFeatures + feature - SparseFeatures];
        int index = Array.BinarySearch(Features, RowStart[row], RowStart[row + 1] - RowStart[row], feature);
        return index >= 0 ? Bins[index] : 0;
    }
}
