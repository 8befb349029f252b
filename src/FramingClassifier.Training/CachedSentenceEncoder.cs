using System.Collections.Concurrent;

namespace FramingClassifier.Training;

/// <summary>
/// Remembers the vector of every text another encoder has embedded, so that cross-validation, tuning
/// and evaluation embed each text once however many fits read it. Holds every vector until it is
/// dropped (384 floats a text for MiniLM); a model trained with it scores new texts through it too.
/// </summary>
public sealed class CachedSentenceEncoder : ISentenceEncoder
{
    private readonly ConcurrentDictionary<string, float[]> _vectors = new(StringComparer.Ordinal);

    /// <summary>Caches the vectors of <paramref name="inner"/>.</summary>
    public CachedSentenceEncoder(ISentenceEncoder inner) => Inner = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <summary>The encoder that computes the vectors.</summary>
    public ISentenceEncoder Inner { get; }

    /// <inheritdoc/>
    public string Name => Inner.Name;

    /// <inheritdoc/>
    public int Dimension => Inner.Dimension;

    /// <summary><paramref name="encoder"/> with a cache in front, or itself when it has one already (or is null).</summary>
    public static ISentenceEncoder? Wrap(ISentenceEncoder? encoder) => encoder is null or CachedSentenceEncoder ? encoder : new CachedSentenceEncoder(encoder);

    /// <inheritdoc/>
    public void Encode(ReadOnlySpan<string> texts, Span<float> destination)
    {
        int dimension = Dimension;
        var missing = new List<int>();
        for (int i = 0; i < texts.Length; i++)
        {
            if (_vectors.TryGetValue(texts[i], out float[]? vector)) vector.CopyTo(destination.Slice(i * dimension, dimension));
            else missing.Add(i);
        }
        if (missing.Count == 0) return;
        var toEncode = new string[missing.Count];
        for (int j = 0; j < toEncode.Length; j++) toEncode[j] = texts[missing[j]];
        var encoded = new float[toEncode.Length * dimension];
        Inner.Encode(toEncode, encoded);
        for (int j = 0; j < missing.Count; j++)
        {
            float[] vector = encoded.AsSpan(j * dimension, dimension).ToArray();
            _vectors.TryAdd(toEncode[j], vector);
            vector.CopyTo(destination.Slice(missing[j] * dimension, dimension));
        }
    }
}
