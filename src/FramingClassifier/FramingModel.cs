using System.Collections.Concurrent;

namespace FramingClassifier;

/// <summary>
/// A trained model: featurizer options, heads and weights. Immutable and thread-safe: share one
/// instance across threads; there is no engine object to create or pool.
/// </summary>
/// <example><code>
/// var model = FramingModel.Default;
/// Prediction p = model.Predict("Rebels freed forty prisoners from the city jail.");
/// Console.WriteLine(p["framing"].Label); // rebel
/// </code></example>
public sealed partial class FramingModel
{
    private readonly ModelHead[] _heads;
    private readonly ResolvedTie[] _ties;
    private readonly bool _hasCascade;

    internal FramingModel(FeaturizerOptions options, ModelHead[] heads, LinearModel linear, IReadOnlyDictionary<string, string> metadata,
        IReadOnlyList<LabelTie>? ties = null, EmbeddingFeatures? embedding = null, ISentenceEncoder? encoder = null)
    {
        CheckEncoder(embedding, encoder, linear.Classes);
        Embedding = embedding;
        Encoder = embedding is null ? null : encoder;
        Options = options;
        _heads = heads;
        Linear = linear;
        Metadata = metadata;
        Ties = ties ?? [];
        _ties = Ties.Select(t => t.Resolve(heads)).ToArray();
        _hasCascade = heads.Any(h => h.Cascade is not null);
        if (Ties.FirstOrDefault(t => Ties.Any(u => u.Head == t.SourceHead)) is { } chained)
            throw new ArgumentException($"The tie {chained} follows head '{chained.SourceHead}', which is itself tied; a head may only follow an untied head.");
    }

    /// <summary>The featurizer options the model was trained with.</summary>
    public FeaturizerOptions Options { get; }

    /// <summary>The heads, in score order.</summary>
    public IReadOnlyList<ModelHead> Heads => _heads;

    /// <summary>The rules that tie one head's label to another's, applied to every prediction.</summary>
    public IReadOnlyList<LabelTie> Ties { get; }

    /// <summary>Training options and provenance, as key-value pairs.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Total labels over all heads: the length of the buffer <see cref="Predict(ReadOnlySpan{char}, Span{float})"/> fills.</summary>
    public int LabelCount => Linear.Classes;

    /// <summary>Number of weight rows (hash buckets seen at training).</summary>
    public int FeatureRows => Linear.RowBuckets.Length;

    internal LinearModel Linear { get; }

    /// <summary>Loads a model file.</summary>
    /// <exception cref="ModelFormatException">The file is not a valid model.</exception>
    public static FramingModel Load(string path) => ModelFile.Load(path);

    /// <summary>Loads a model from a stream.</summary>
    /// <exception cref="ModelFormatException">The stream does not hold a valid model.</exception>
    public static FramingModel Load(Stream stream) => ModelFile.Load(stream);

    /// <summary>Saves the model; the file is written to a temporary name and renamed into place.</summary>
    public void Save(string path) => ModelFile.Save(this, path);

    /// <summary>The head named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No head has that name.</exception>
    public ModelHead Head(string name) =>
        ModelHead.Find(_heads, name) ?? throw new KeyNotFoundException($"The model has no head '{name}'. Heads: {ModelHead.Names(_heads)}.");

    /// <summary>Predicts every head for one text.</summary>
    public Prediction Predict(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var probabilities = new float[LabelCount];
        Predict(text, probabilities);
        return ToPrediction(text, probabilities);
    }

    private Prediction ToPrediction(string text, float[] probabilities)
    {
        var heads = new HeadPrediction[_heads.Length];
        for (int h = 0; h < heads.Length; h++)
            heads[h] = new HeadPrediction(_heads[h], probabilities.AsSpan(_heads[h].Offset, _heads[h].Labels.Count).ToArray());
        return new Prediction(text, heads);
    }

    /// <summary>
    /// Fills <paramref name="probabilities"/> with every head's label probabilities, head after head
    /// in <see cref="Heads"/> order. Allocates nothing once the calling thread is warm.
    /// </summary>
    public void Predict(ReadOnlySpan<char> text, Span<float> probabilities) => PredictWith(KernelChoice.Best, text, probabilities);

    /// <summary><see cref="Predict(ReadOnlySpan{char}, Span{float})"/>, scored with the kernels of <paramref name="kernels"/>.</summary>
    internal void PredictWith(KernelSet kernels, ReadOnlySpan<char> text, Span<float> probabilities)
    {
        if (Embedding is null) Score(kernels, text, default, probabilities);
        else Score(kernels, text, EncodeOne(text.ToString()), probabilities);
    }

    /// <summary>Scores one text whose sentence embedding is <paramref name="embedding"/> (empty for an n-gram model).</summary>
    private void Score(KernelSet kernels, ReadOnlySpan<char> text, ReadOnlySpan<float> embedding, Span<float> probabilities)
    {
        if (probabilities.Length < LabelCount)
            throw new ArgumentException($"The buffer holds {probabilities.Length} floats; the model has {LabelCount} labels.", nameof(probabilities));
        ScoringScratch scratch = ScoringScratch.Current;
        scratch.EnsureWidth(Linear.Stride);
        ReadOnlySpan<Token> tokens = scratch.Featurize(Options, text, out ReadOnlySpan<char> normalized, prefetch: Linear.RowOf);
        Linear.ScoreWith(kernels, Options, scratch.Counter, scratch.Accumulator, scratch.Scores);
        if (!embedding.IsEmpty) Embedding!.AddScores(embedding, scratch.Scores);
        foreach (ModelHead head in _heads)
        {
            if (head.Trees is not { } trees) continue;
            scratch.EnsureTreeWidth(trees.FeatureCount);
            trees.Score(Options, Linear, scratch.Counter, normalized, tokens, scratch.Scores.AsSpan(head.Offset, head.Labels.Count), scratch.TreeValues);
        }
        int seen = _hasCascade ? scratch.ClassesSeen(Options, normalized, tokens) : 0;
        Link(scratch.Scores, seen, probabilities);
    }

    /// <summary>
    /// Every head's scores into its probabilities (a softmax, or a cascade over the designation classes
    /// in <paramref name="seen"/>), then the ties: the one way scores become a prediction.
    /// </summary>
    internal void Link(ReadOnlySpan<float> scores, int seen, Span<float> probabilities)
    {
        foreach (ModelHead head in _heads)
        {
            ReadOnlySpan<float> own = scores.Slice(head.Offset, head.Labels.Count);
            Span<float> target = probabilities.Slice(head.Offset, head.Labels.Count);
            if (head.Cascade is { } cascade) cascade.Probabilities(own, seen, target);
            else Softmax(own, target);
        }
        foreach (ResolvedTie tie in _ties) tie.Apply(probabilities);
    }

    /// <summary>The designation classes whose words <paramref name="text"/> contains, a bit per <see cref="DesignationClass"/>, as <see cref="Link"/> takes them.</summary>
    internal int ClassesSeen(ReadOnlySpan<char> text)
    {
        ScoringScratch scratch = ScoringScratch.Current;
        ReadOnlySpan<Token> tokens = scratch.Featurize(Options, text, out ReadOnlySpan<char> normalized);
        return scratch.ClassesSeen(Options, normalized, tokens);
    }

    /// <summary>
    /// Predicts a sequence of texts on all cores, yielding results in input order. The input is read
    /// in blocks, so memory stays flat however long the sequence is. While one block is scored, the
    /// calling thread reads the next and hands out the results of the one before, so reading, scoring
    /// and whatever the caller does with each prediction overlap.
    /// </summary>
    /// <param name="texts">The texts; read once, lazily, on the calling thread.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; -1 for all cores, 1 for the calling thread only.</param>
    public IEnumerable<Prediction> PredictBatch(IEnumerable<string> texts, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return maxDegreeOfParallelism == 1 ? PredictSerially(texts) : PredictPipelined(texts, maxDegreeOfParallelism);
    }

    // An embedding model scores a few hundred texts a second, so its blocks are smaller and progress stays smooth.
    private int BlockSize => Embedding is null ? 4096 : 256;

    private IEnumerable<Prediction> PredictSerially(IEnumerable<string> texts)
    {
        foreach (string text in texts) yield return Predict(text);
    }

    // Two buffers take turns: the pool scores one block while the calling thread fills the other and
    // then yields the finished block. At most three blocks are alive (being read, scored, yielded).
    private IEnumerable<Prediction> PredictPipelined(IEnumerable<string> texts, int maxDegreeOfParallelism)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        int blockSize = BlockSize;
        string[][] blocks = [new string[blockSize], new string[blockSize]];
        Prediction[][] results = [new Prediction[blockSize], new Prediction[blockSize]];
        Task? scoring = null;
        int scoringCount = 0, turn = 0;
        using IEnumerator<string> source = texts.GetEnumerator();
        try
        {
            while (true)
            {
                string[] block = blocks[turn];
                int count = 0;
                while (count < blockSize && source.MoveNext()) block[count++] = source.Current;
                if (scoring is not null)
                {
                    scoring.GetAwaiter().GetResult();
                    scoring = null;
                }
                Prediction[] done = results[1 - turn];
                int doneCount = scoringCount;
                if (count > 0)
                {
                    Prediction[] target = results[turn];
                    int n = count;
                    scoring = Task.Run(() => ScoreBlock(block, target, n, parallel));
                    scoringCount = count;
                }
                for (int i = 0; i < doneCount; i++)
                {
                    yield return done[i];
                    done[i] = null!;
                }
                if (count == 0) yield break;
                Array.Clear(blocks[1 - turn]);
                turn = 1 - turn;
            }
        }
        finally
        {
            // An abandoned enumeration waits for the block in flight, so no scoring outlives it.
            try { scoring?.Wait(); }
            catch (AggregateException) { } // the caller is already leaving, by its own exception or by choice
        }
    }

    private void ScoreBlock(string[] block, Prediction[] results, int count, ParallelOptions parallel)
    {
        if (Embedding is not null)
        {
            ScoreEmbeddedBlock(block, results, count, parallel);
            return;
        }
        if (count < 64)
        {
            for (int i = 0; i < count; i++) results[i] = Predict(block[i]);
            return;
        }
        // Range partitions keep each thread on a contiguous slice: far less overhead than one task per text.
        Parallel.ForEach(Partitioner.Create(0, count, 256), parallel, range =>
        {
            for (int i = range.Item1; i < range.Item2; i++) results[i] = Predict(block[i]);
        });
    }

    /// <summary>The index of the largest value, the first one on a tie: how every path picks a head's label.</summary>
    internal static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int k = 1; k < values.Length; k++)
            if (values[k] > values[best]) best = k;
        return best;
    }

    /// <summary>Softmax of <paramref name="scores"/> into <paramref name="probabilities"/>, stable for large scores.</summary>
    internal static void Softmax(ReadOnlySpan<float> scores, Span<float> probabilities)
    {
        float max = float.NegativeInfinity;
        foreach (float s in scores) max = MathF.Max(max, s);
        float sum = 0;
        for (int k = 0; k < scores.Length; k++)
        {
            probabilities[k] = MathF.Exp(scores[k] - max);
            sum += probabilities[k];
        }
        for (int k = 0; k < scores.Length; k++) probabilities[k] /= sum;
    }
}
