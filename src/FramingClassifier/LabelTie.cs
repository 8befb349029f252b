namespace FramingClassifier;

/// <summary>
/// A rule between two heads: <see cref="Head"/> predicts <see cref="Label"/> exactly when
/// <see cref="SourceHead"/> predicts <see cref="SourceLabel"/>, as the codebook's "voice is none
/// exactly when framing is none". The tied head's probabilities are rescaled so that its most
/// probable label always obeys the rule: the tied label's probability is the source label's odds
/// against the source head's best other label; the other labels share the rest in their own proportions.
/// </summary>
/// <param name="Head">The tied head ("voice").</param>
/// <param name="Label">Its tied label ("none").</param>
/// <param name="SourceHead">The head it follows ("framing").</param>
/// <param name="SourceLabel">The source head's label that implies the tied label ("none").</param>
public sealed record LabelTie(string Head, string Label, string SourceHead, string SourceLabel)
{
    /// <summary>Parses <c>head:label=source-head:source-label</c>, as the command line writes a tie.</summary>
    /// <exception cref="FormatException">The text is not of that form.</exception>
    public static LabelTie Parse(string text)
    {
        string[] sides = text.Split('=');
        string[] tied = sides[0].Split(':');
        string[] source = sides.Length == 2 ? sides[1].Split(':') : [];
        if (tied.Length != 2 || source.Length != 2 || tied.Concat(source).Any(s => s.Trim().Length == 0))
            throw new FormatException($"'{text}' is not a tie: write head:label=source-head:source-label, for example voice:none=framing:none.");
        return new LabelTie(tied[0].Trim(), tied[1].Trim(), source[0].Trim(), source[1].Trim());
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Head}:{Label}={SourceHead}:{SourceLabel}";

    /// <summary>Checks the tie against a model's heads; returns the tie's positions in the score vector.</summary>
    internal ResolvedTie Resolve(IReadOnlyList<ModelHead> heads)
    {
        ModelHead head = Find(heads, Head), source = Find(heads, SourceHead);
        if (head == source) throw new ArgumentException($"The tie {this} ties a head to itself.");
        return new ResolvedTie(head.Offset, head.Labels.Count, IndexOf(head, Label), source.Offset, source.Labels.Count, IndexOf(source, SourceLabel));
    }

    private static ModelHead Find(IReadOnlyList<ModelHead> heads, string name) =>
        ModelHead.Find(heads, name) ?? throw new ArgumentException($"A tie names head '{name}', which the model does not have. Heads: {ModelHead.Names(heads)}.");

    private static int IndexOf(ModelHead head, string label)
    {
        for (int k = 0; k < head.Labels.Count; k++)
            if (head.Labels[k] == label) return k;
        throw new ArgumentException($"A tie names label '{label}' of head '{head.Name}', which has only: {string.Join(", ", head.Labels)}.");
    }
}

/// <summary>A <see cref="LabelTie"/> as offsets into the model's probability vector.</summary>
internal readonly record struct ResolvedTie(int Offset, int Count, int Label, int SourceOffset, int SourceCount, int SourceLabel)
{
    private const float Margin = 1e-4f;

    /// <summary>Rescales the tied head's probabilities in <paramref name="probabilities"/> (every head's, softmaxed).</summary>
    public void Apply(Span<float> probabilities)
    {
        ReadOnlySpan<float> source = probabilities.Slice(SourceOffset, SourceCount);
        Span<float> tied = probabilities.Slice(Offset, Count);
        float p = source[SourceLabel], bestOther = 0;
        for (int k = 0; k < source.Length; k++)
            if (k != SourceLabel) bestOther = MathF.Max(bestOther, source[k]);
        float odds = p + bestOther > 0 ? p / (p + bestOther) : 0.5f;
        float rest = 0, largest = 0;
        for (int k = 0; k < tied.Length; k++)
            if (k != Label) rest += tied[k];
        for (int k = 0; k < tied.Length; k++)
            if (k != Label) largest = MathF.Max(largest, rest > 0 ? tied[k] / rest : 1f / (tied.Length - 1));
        // The tied label must lead exactly when the source label leads, by a margin that float rounding keeps.
        float tiedLabel = FramingModel.ArgMax(source) == SourceLabel
            ? MathF.Max(odds, 0.5f + Margin)
            : MathF.Min(odds, largest / (1 + largest) * (1 - Margin));
        for (int k = 0; k < tied.Length; k++)
            if (k != Label) tied[k] = (1 - tiedLabel) * (rest > 0 ? tied[k] / rest : 1f / (tied.Length - 1));
        tied[Label] = tiedLabel;
    }
}
