namespace FramingClassifier;

/// <summary>
/// A model's sentence-embedding features: every head's scores add <see cref="Scale"/> times the
/// L2-normalized embedding of <see cref="Encoder"/> times its weights, next to the n-gram features.
/// Stored in the model file's EMBD section; see docs/embeddings.md.
/// </summary>
public sealed class EmbeddingFeatures
{
    internal EmbeddingFeatures(string encoder, int dimension, float scale, float[] weights, int classes)
    {
        if (dimension <= 0) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "The embedding dimension must be positive.");
        if (weights.Length != dimension * classes)
            throw new ArgumentException($"{weights.Length} embedding weights for {dimension} dimensions and {classes} classes.", nameof(weights));
        Encoder = encoder;
        Dimension = dimension;
        Scale = scale;
        Weights = weights;
        Classes = classes;
    }

    /// <summary>The encoder's name, as <see cref="ISentenceEncoder.Name"/> (for example "minilm").</summary>
    public string Encoder { get; }

    /// <summary>Floats per embedding.</summary>
    public int Dimension { get; }

    /// <summary>The factor α on the L2-normalized embedding, against the L2-normalized n-gram vector.</summary>
    public float Scale { get; }

    /// <summary>Weights by embedding dimension, all heads' classes side by side: <c>[d × classes + class]</c>, as the n-gram rows.</summary>
    internal float[] Weights { get; }

    internal int Classes { get; }

    /// <summary>Adds α · Σ_d e_d · W[d, ·] to <paramref name="scores"/>.</summary>
    internal void AddScores(ReadOnlySpan<float> embedding, Span<float> scores)
    {
        ReadOnlySpan<float> w = Weights;
        int classes = Classes;
        for (int d = 0; d < Dimension; d++)
        {
            float v = Scale * embedding[d];
            if (v == 0) continue;
            ReadOnlySpan<float> row = w.Slice(d * classes, classes);
            for (int k = 0; k < classes; k++) scores[k] += v * row[k];
        }
    }

    /// <summary>The embedding's push toward class <paramref name="label"/> over the mean of the other classes of its head.</summary>
    internal float Contribution(ReadOnlySpan<float> embedding, int headOffset, int headLabels, int label)
    {
        float total = 0;
        for (int d = 0; d < Dimension; d++)
        {
            ReadOnlySpan<float> row = Weights.AsSpan(d * Classes, Classes);
            float others = 0;
            for (int k = 0; k < headLabels; k++)
                if (headOffset + k != label) others += row[headOffset + k];
            total += Scale * embedding[d] * (row[label] - others / Math.Max(1, headLabels - 1));
        }
        return total;
    }
}
