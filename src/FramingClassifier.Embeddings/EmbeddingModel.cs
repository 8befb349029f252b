namespace FramingClassifier.Embeddings;

/// <summary>
/// Loads models of either tier: an n-gram model as <see cref="FramingModel.Load(string)"/> does, and a
/// model whose heads read MiniLM sentence embeddings with <see cref="MiniLmEncoder.Shared"/> to encode.
/// </summary>
/// <example><code>
/// FramingModel model = EmbeddingModel.Load("stance-minilm.fcm");
/// Console.WriteLine(model.Predict("We must protect the unborn.")["label"].Label);
/// </code></example>
public static class EmbeddingModel
{
    /// <summary>Loads a model file of either tier.</summary>
    /// <exception cref="ModelFormatException">The file is not a valid model, or it reads an embedding other than MiniLM.</exception>
    public static FramingModel Load(string path) => FramingModel.Load(path, MiniLmEncoder.Shared);

    /// <summary>Loads a model of either tier from a stream.</summary>
    /// <exception cref="ModelFormatException">The stream does not hold a valid model, or it reads an embedding other than MiniLM.</exception>
    public static FramingModel Load(Stream stream) => FramingModel.Load(stream, MiniLmEncoder.Shared);

    /// <summary>The encoder named <paramref name="name"/> (as <c>framing train --embeddings</c> takes it).</summary>
    /// <exception cref="ArgumentException">No encoder has that name.</exception>
    public static ISentenceEncoder Encoder(string name) => name switch
    {
        MiniLmEncoder.EncoderName => MiniLmEncoder.Shared,
        _ => throw new ArgumentException($"Unknown sentence encoder '{name}'. Encoders: {MiniLmEncoder.EncoderName}.", nameof(name)),
    };
}
