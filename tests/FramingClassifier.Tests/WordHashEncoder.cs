namespace FramingClassifier.Tests;

/// <summary>A tiny deterministic sentence encoder for tests that need no ONNX model: each word adds ±1 to a hashed dimension; the vector is L2-normalized.</summary>
internal sealed class WordHashEncoder(string name = "words", int dimension = 8) : ISentenceEncoder
{
    public string Name => name;

    public int Dimension => dimension;

    public void Encode(ReadOnlySpan<string> texts, Span<float> destination)
    {
        for (int i = 0; i < texts.Length; i++)
        {
            Span<float> v = destination.Slice(i * dimension, dimension);
            v.Clear();
            foreach (string word in texts[i].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                uint h = 2166136261;
                foreach (char c in word) h = (h ^ c) * 16777619;
                v[(int)(h % (uint)dimension)] += (h & 0x10000) != 0 ? 1 : -1;
            }
            float norm = MathF.Sqrt(v.ToArray().Sum(x => x * x));
            if (norm > 0)
                for (int d = 0; d < dimension; d++) v[d] /= norm;
        }
    }
}
