using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FramingClassifier.ML;

/// <summary>
/// Carries a <see cref="FramingModel"/> through an ML.NET model file with public API only. ML.NET saves
/// a CustomMapping as its contract name and nothing else, so the model travels as the one value of a
/// value mapping (a built-in transform that ML.NET saves and loads) in a column the mapping reads.
/// Every row gets the same string instance back, so it is decoded once per process, not once per row.
/// </summary>
internal static class PipelineState
{
    /// <summary>The state of the embedded default model: nothing to store.</summary>
    public const string Default = "default";

    /// <summary>The key of the single entry of the value mapping.</summary>
    public const string Key = "model";

    private sealed record Entry(int Start, int Length, FramingModel Model);

    private static readonly ConditionalWeakTable<object, Entry> s_decoded = new();
    private static readonly ConcurrentDictionary<string, ISentenceEncoder> s_encoders = new(StringComparer.Ordinal);
    private static int s_decodes;

    /// <summary>How many model strings have been decoded in this process (for tests).</summary>
    public static int Decodes => Volatile.Read(ref s_decodes);

    /// <summary>The model as a state string; a model's sentence encoder is kept for <see cref="Decode(ReadOnlyMemory{char})"/> (see <see cref="Register"/>).</summary>
    public static string Encode(FramingModel model)
    {
        if (model.Encoder is { } encoder) Register(encoder);
        return ReferenceEquals(model, FramingModel.Default) ? Default : Convert.ToBase64String(ModelFile.ToBytes(model));
    }

    /// <summary>Makes <paramref name="encoder"/> the one that decoded models naming it use, in this process.</summary>
    public static void Register(ISentenceEncoder encoder) => s_encoders[encoder.Name] = encoder;

    /// <summary>The model a state column holds; decoded on first sight of the memory that holds it.</summary>
    public static FramingModel Decode(ReadOnlyMemory<char> state)
    {
        object owner;
        int start;
        if (MemoryMarshal.TryGetString(state, out string? text, out start, out _)) owner = text;
        else if (MemoryMarshal.TryGetArray(state, out ArraySegment<char> segment) && segment.Array is not null) (owner, start) = (segment.Array, segment.Offset);
        else return Decode(state.Span);
        int length = state.Length;
        if (TryGetDecoded(owner, start, length, out FramingModel? model)) return model;
        // ML.NET may run cursors on several threads at once; only one of them decodes.
        lock (s_decoded)
        {
            if (TryGetDecoded(owner, start, length, out model)) return model;
            model = Decode(state.Span);
            s_decoded.AddOrUpdate(owner, new Entry(start, length, model));
            return model;
        }
    }

    private static bool TryGetDecoded(object owner, int start, int length, [NotNullWhen(true)] out FramingModel? model)
    {
        model = s_decoded.TryGetValue(owner, out Entry? entry) && entry.Start == start && entry.Length == length ? entry.Model : null;
        return model is not null;
    }

    private static FramingModel Decode(ReadOnlySpan<char> state)
    {
        if (state.SequenceEqual(Default)) return FramingModel.Default;
        if (state.IsEmpty) throw new InvalidOperationException("The FramingClassifier state column is empty: the pipeline was not built by FramingClassifier.ML.");
        Interlocked.Increment(ref s_decodes);
        return ModelFile.FromBytes(Convert.FromBase64String(state.ToString()), "ML.NET pipeline", EncoderNamed);
    }

    private static ISentenceEncoder EncoderNamed(string name) => s_encoders.TryGetValue(name, out ISentenceEncoder? encoder) ? encoder
        : throw new InvalidOperationException($"The pipeline's model reads the sentence embedding '{name}', and no encoder of that name is registered in this " +
            "process: call FramingCatalog.RegisterSentenceEncoder first (for MiniLM, with MiniLmEncoder.Shared of the package FramingClassifier.Embeddings).");
}
