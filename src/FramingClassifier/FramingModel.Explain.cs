namespace FramingClassifier;

public sealed partial class FramingModel
{
    /// <summary>
    /// Predicts <paramref name="head"/> for <paramref name="text"/> and lists the features that pushed
    /// the decision most: each feature's tf-idf value times its weight for the predicted label, minus
    /// the mean over the other labels (a softmax depends only on score differences). For a cascade head
    /// it is the weight of the predicted class's own binary model, or for <c>none</c>, minus that of the
    /// highest class whose words the sentence contains.
    /// A model with <see cref="Embedding"/> adds the whole embedding as one contribution, named "[embedding NAME]".
    /// </summary>
    /// <param name="text">The sentence.</param>
    /// <param name="head">The head's name, for example "voice".</param>
    /// <param name="top">How many features to return.</param>
    /// <exception cref="KeyNotFoundException">The model has no such head.</exception>
    /// <exception cref="InvalidOperationException">The head is scored by trees, which have no per-feature weights.</exception>
    public Explanation Explain(string text, string head, int top = 10)
    {
        ModelHead target = Head(head);
        if (target.Trees is not null)
            throw new InvalidOperationException($"Head '{head}' is scored by {target.Scorer.ToString().ToLowerInvariant()}; explanations cover linear heads only.");
        HeadPrediction prediction = Predict(text)[head];
        ScoringScratch scratch = ScoringScratch.Current;
        ReadOnlySpan<Token> tokens = scratch.Featurize(Options, text, out ReadOnlySpan<char> normalized);
        var names = NameBuckets(normalized, tokens);
        var contributions = new List<FeatureContribution>();
        float inverseNorm = Linear.InverseNorm(Options, scratch.Counter);
        int label = target.Offset + prediction.LabelIndex;
        var (column, sign) = target.Cascade is { } cascade ? CascadeColumn(cascade, target, prediction.LabelIndex, scratch.ClassesSeen(Options, normalized, tokens)) : (-1, 0f);
        if (target.Cascade is not null && column < 0) return new Explanation(prediction, []);
        for (int i = 0; i < scratch.Counter.Count; i++)
        {
            uint bucket = scratch.Counter.Buckets[i];
            int row = Linear.RowOf[bucket];
            if (row < 0) continue;
            float value = Linear.FeatureValue(Options, scratch.Counter.Counts[i], row) * inverseNorm;
            ReadOnlySpan<float> w = Linear.Row(row);
            float weight = target.Cascade is null ? w[label] - MeanOfOthers(w, target, label) : sign * w[column];
            var (name, kind) = names[bucket];
            contributions.Add(new FeatureContribution(name, kind, value * weight));
        }
        if (Embedding is { } embedding)
        {
            float push = embedding.Contribution(EncodeOne(text), target.Offset, target.Labels.Count, label);
            contributions.Add(new FeatureContribution($"[embedding {embedding.Encoder}]", FeatureKind.Embedding, push));
        }
        contributions.Sort((a, b) => Math.Abs(b.Contribution).CompareTo(Math.Abs(a.Contribution)));
        return new Explanation(prediction, contributions.Take(top).ToArray());
    }

    private static float MeanOfOthers(ReadOnlySpan<float> w, ModelHead head, int label)
    {
        float others = 0;
        for (int k = 0; k < head.Labels.Count; k++)
            if (head.Offset + k != label) others += w[head.Offset + k];
        return others / Math.Max(1, head.Labels.Count - 1);
    }

    // The weight column that decided a cascade head: the predicted class's own, or for none the
    // highest class seen (its features pushed against it); -1 when no class word is in the sentence.
    private static (int Column, float Sign) CascadeColumn(DesignationCascade cascade, ModelHead head, int labelIndex, int seen)
    {
        if (labelIndex != cascade.NoneLabel) return (head.Offset + labelIndex, 1);
        DesignationClass top = cascade.TopSeen(seen);
        return top == DesignationClass.None ? (-1, 0) : (head.Offset + cascade.LabelOf(top), -1);
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
