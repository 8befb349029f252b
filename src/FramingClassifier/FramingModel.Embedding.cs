using System.Collections.Concurrent;

namespace FramingClassifier;

public sealed partial class FramingModel
{
    // Texts per call to the encoder in batch scoring: large enough to amortize a call, small enough to keep every core busy.
    private const int EncodeChunk = 16;

    /// <summary>The sentence-embedding features the heads read besides the n-grams; null for an n-gram model.</summary>
    public EmbeddingFeatures? Embedding { get; }

    /// <summary>The encoder that embeds each text for <see cref="Embedding"/>; null for an n-gram model.</summary>
    public ISentenceEncoder? Encoder { get; }

    /// <summary>
    /// Loads a model file whose heads may read a sentence embedding, with <paramref name="encoder"/> to
    /// embed each text. A model without embedding features loads as <see cref="Load(string)"/> does.
    /// For MiniLM models, <c>EmbeddingModel.Load(path)</c> of the package FramingClassifier.Embeddings is the one-line form.
    /// </summary>
    /// <exception cref="ModelFormatException">The file is not a valid model, or it needs another encoder.</exception>
    public static FramingModel Load(string path, ISentenceEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        return ModelFile.FromBytes(File.ReadAllBytes(path), path, encoder);
    }

    /// <summary>Loads a model from a stream with <paramref name="encoder"/>, as <see cref="Load(string, ISentenceEncoder)"/>.</summary>
    /// <exception cref="ModelFormatException">The stream does not hold a valid model, or the model needs another encoder.</exception>
    public static FramingModel Load(Stream stream, ISentenceEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        return ModelFile.Load(stream, "stream", encoder);
    }

    private static void CheckEncoder(EmbeddingFeatures? embedding, ISentenceEncoder? encoder, int classes)
    {
        if (embedding is null) return;
        if (encoder is null)
            throw new ArgumentException($"The model reads the sentence embedding '{embedding.Encoder}' and needs an encoder of that name.", nameof(encoder));
        if (encoder.Name != embedding.Encoder || encoder.Dimension != embedding.Dimension)
        {
            throw new ArgumentException($"The model reads the sentence embedding '{embedding.Encoder}' ({embedding.Dimension} dimensions); " +
                $"the encoder given is '{encoder.Name}' ({encoder.Dimension} dimensions).", nameof(encoder));
        }
        if (embedding.Classes != classes)
            throw new ArgumentException($"The embedding weights have {embedding.Classes} classes; the heads have {classes} labels.", nameof(embedding));
    }

    private float[] EncodeOne(string text)
    {
        var embedding = new float[Embedding!.Dimension];
        Encoder!.Encode([text], embedding);
        return embedding;
    }

    /// <summary>The embeddings of <paramref name="texts"/>, text after text, encoded in chunks on the threads <paramref name="parallel"/> allows.</summary>
    internal static float[] EncodeAll(ISentenceEncoder encoder, IReadOnlyList<string> texts, ParallelOptions parallel)
    {
        int dimension = encoder.Dimension;
        var embeddings = new float[checked(texts.Count * dimension)];
        string[] all = texts as string[] ?? texts.ToArray();
        Parallel.ForEach(Partitioner.Create(0, all.Length, EncodeChunk), parallel, range =>
            encoder.Encode(all.AsSpan(range.Item1, range.Item2 - range.Item1), embeddings.AsSpan(range.Item1 * dimension, (range.Item2 - range.Item1) * dimension)));
        return embeddings;
    }

    // Each chunk is embedded and scored by one thread, so the encoder runs on every core at once.
    private void ScoreEmbeddedBlock(string[] block, Prediction[] results, int count, ParallelOptions parallel)
    {
        int dimension = Embedding!.Dimension;
        Parallel.ForEach(Partitioner.Create(0, count, EncodeChunk), parallel, range =>
        {
            var embeddings = new float[(range.Item2 - range.Item1) * dimension];
            Encoder!.Encode(block.AsSpan(range.Item1, range.Item2 - range.Item1), embeddings);
            for (int i = range.Item1; i < range.Item2; i++)
            {
                var probabilities = new float[LabelCount];
                Score(KernelChoice.Best, block[i], embeddings.AsSpan((i - range.Item1) * dimension, dimension), probabilities);
                results[i] = ToPrediction(block[i], probabilities);
            }
        });
    }
}
