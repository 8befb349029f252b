using Microsoft.ML.Data;

namespace FramingClassifier.ML;

/// <summary>
/// A text's feature vector exactly as a <see cref="FramingModel"/> sees it before its weights: sublinear
/// TF times IDF per bucket, L2-normalized, as a sparse <see cref="VBuffer{T}"/> indexed by bucket.
/// </summary>
internal static class FeatureVector
{
    public static void Fill(FramingModel state, ReadOnlySpan<char> text, int length, ref VBuffer<float> destination)
    {
        FeaturizerOptions options = state.Options;
        ScoringScratch scratch = ScoringScratch.Current;
        scratch.Featurize(options, text, out _);
        ReadOnlySpan<uint> buckets = scratch.Counter.Buckets;
        ReadOnlySpan<float> tf = scratch.Counter.Frequencies(options);
        LinearModel linear = state.Linear;
        var editor = VBufferEditor.Create(ref destination, length, buckets.Length, requireIndicesOnDense: true);
        Span<int> indices = editor.Indices;
        Span<float> values = editor.Values;
        float sumSquares = 0;
        for (int e = 0; e < buckets.Length; e++)
        {
            int row = linear.RowOf[buckets[e]];
            float v = FeatureValues.Weighted(options, tf[e], row < 0 ? linear.DefaultIdf : linear.IdfOf(row));
            indices[e] = (int)buckets[e];
            values[e] = v;
            sumSquares += v * v;
        }
        float scale = sumSquares > 0 ? 1f / MathF.Sqrt(sumSquares) : 0f;
        for (int e = 0; e < values.Length; e++) values[e] *= scale;
        indices.Sort(values);
        destination = editor.Commit();
    }

    /// <summary>
    /// The model that holds the IDF of <paramref name="texts"/> for <paramref name="options"/>: one
    /// placeholder head and no weights, so the IDF travels in the runtime's own model format.
    /// </summary>
    public static FramingModel LearnIdf(IReadOnlyList<string> texts, FeaturizerOptions options)
    {
        options.Validate();
        var matrix = Training.FeatureMatrix.Build(texts, options, new ParallelOptions());
        int rows = matrix.Buckets.Length;
        LinearModel linear = LinearModelBuilder.FromPacked(options.Buckets, 1, matrix.Buckets, matrix.Idf, new float[rows], [0f], matrix.DefaultIdf);
        var metadata = new Dictionary<string, string> { ["purpose"] = "FeaturizeFraming IDF", ["rows"] = texts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        return new FramingModel(options, [new ModelHead("idf", ["idf"], 0)], linear, metadata);
    }
}
