namespace FramingClassifier;

/// <summary>
/// Turns sentences into dense vectors for models whose heads also read a sentence embedding
/// (<see cref="EmbeddingFeatures"/>). The package FramingClassifier.Embeddings provides MiniLM; any
/// other encoder plugs in by its <see cref="Name"/>.
/// </summary>
/// <remarks>
/// Implementations must be thread-safe (batch scoring calls <see cref="Encode"/> from every core at
/// once) and deterministic: a text's vector must not depend on the other texts of the call, so that
/// batch and one-by-one predictions agree and training gives the same model on every run.
/// </remarks>
public interface ISentenceEncoder
{
    /// <summary>The name a model file records (for example "minilm"); a model only loads with an encoder of its name.</summary>
    string Name { get; }

    /// <summary>Floats per sentence.</summary>
    int Dimension { get; }

    /// <summary>
    /// Writes the vector of each text, L2-normalized, into <paramref name="destination"/>: text i at
    /// [i × <see cref="Dimension"/>, (i + 1) × <see cref="Dimension"/>).
    /// </summary>
    /// <param name="texts">The sentences.</param>
    /// <param name="destination">At least texts.Length × <see cref="Dimension"/> floats.</param>
    void Encode(ReadOnlySpan<string> texts, Span<float> destination);
}
