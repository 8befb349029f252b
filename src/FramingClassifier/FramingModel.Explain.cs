namespace FramingClassifier;

public sealed partial class FramingModel
{
    /// <summary>
    /// Predicts <paramref name="head"/> for <paramref name="text"/> and lists the features that pushed
    /// the decision most: each feature's tf-idf value times its weight for the predicted label, minus
    /// the mean over the other labels (a softmax depends only on score differences). A model with
    /// <see cref="Embedding"/> adds the whole embedding as one contribution, named "[embedding NAME]".
    /// </summary>
    /// <param name="text">The sentence.</param>
    /// <param name="head">The head's name, for example "voice".</param>
    /// <param name="top">How many features to return.</param>
    /// <exception cref="KeyNotFoundException">The model has no such head.</exception>
    /// <exception cref="InvalidOperationException">The head is scored by trees, which have no per-feature weights.</exception>
    public Explanation Explain(string text, string head, int top = 10)
    {
        ModelHead target = Head(head);
        if (target.Scorer != HeadScorer.Linear)
            throw new InvalidOperationException($"Head '{head}' is scored by {target.Scorer.ToString().ToLowerInvariant()}; explanations cover linear heads only.");
        HeadPrediction prediction = Predict(text)[head];
        ScoringScratch scratch = ScoringScratch.Current;
        ReadOnlySpan<Token> tokens = scratch.Featurize(Options, text, out ReadOnlySpan<char> normalized);
        var names = NameBuckets(normalized, tokens);
        var contributions = new List<FeatureContribution>();
        float inverseNorm = Linear.InverseNorm(Options, scratch.Counter);
        int label = target.Offset + prediction.LabelIndex;
        for (int i = 0; i < scratch.Counter.Count; i++)
        {
            uint bucket = scratch.Counter.Buckets[i];
            int row = Linear.RowOf[bucket];
            if (row < 0) continue;
            float value = Linear.FeatureValue(Options, scratch.Counter.Counts[i], row) * inverseNorm;
            ReadOnlySpan<float> w = Linear.Row(row);
            float others = 0;
            for (int k = 0; k < target.Labels.Count; k++)
                if (target.Offset + k != label) others += w[target.Offset + k];
            others /= Math.Max(1, target.Labels.Count - 1);
            var (name, kind) = names[bucket];
            contributions.Add(new FeatureContribution(name, kind, value * (w[label] - others)));
        }
        if (Embedding is { } embedding)
        {
            float push = embedding.Contribution(EncodeOne(text), target.Offset, target.Labels.Count, label);
            contributions.Add(new FeatureContribution($"[embedding {embedding.Encoder}]", FeatureKind.Embedding, push));
        }
        contributions.Sort((a, b) => Math.Abs(b.Contribution).CompareTo(Math.Abs(a.Contribution)));
        return new Explanation(prediction, contributions.Take(top).ToArray());
    }

    private Dictionary<uint, (string Name, FeatureKind Kind)> NameBuckets(ReadOnlySpan<char> text, ReadOnlySpan<Token> tokens)
    {
        var sink = new NamingSink(new List<(uint, FeatureOrigin)>());
        Featurizer.Extract(Options, text, tokens, ref sink);
        var names = new Dictionary<uint, (string, FeatureKind)>();
        foreach (var (bucket, origin) in sink.Features)
            if (!names.ContainsKey(bucket)) names.Add(bucket, (Featurizer.Describe(origin, text, tokens), origin.Kind));
        return names;
    }

    private readonly struct NamingSink(List<(uint, FeatureOrigin)> features) : IFeatureSink
    {
        public static bool RecordsOrigins => true;

        public List<(uint, FeatureOrigin)> Features => features;

        public void Add(uint bucket) => throw new NotSupportedException();

        public void Add(uint bucket, in FeatureOrigin origin) => features.Add((bucket, origin));
    }
}
