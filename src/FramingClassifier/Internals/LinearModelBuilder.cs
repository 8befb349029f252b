namespace FramingClassifier;

/// <summary>Builds a <see cref="LinearModel"/> from unpadded weights (classes floats per row) and the rows' IDF, laid out as its rows.</summary>
internal static class LinearModelBuilder
{
    public static LinearModel FromPacked(int buckets, int classes, uint[] rowBuckets, float[] idf, ReadOnlySpan<float> packed, ReadOnlySpan<float> bias, float defaultIdf)
    {
        int stride = LinearModel.StrideFor(classes);
        int rows = rowBuckets.Length;
        float[] storage = LinearModel.NewRowStorage(rows, stride, out int start);
        Span<float> weights = storage.AsSpan(start, rows * stride);
        for (int r = 0; r < rows; r++)
        {
            packed.Slice(r * classes, classes).CopyTo(weights[(r * stride)..]);
            weights[r * stride + classes] = idf[r];
        }
        var paddedBias = new float[stride];
        bias[..classes].CopyTo(paddedBias);
        return new LinearModel(buckets, classes, rowBuckets, storage, start, paddedBias, defaultIdf);
    }
}
