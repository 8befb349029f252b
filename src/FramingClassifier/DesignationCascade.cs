namespace FramingClassifier;

/// <summary>
/// The link of a <see cref="HeadScorer.Cascade"/> head: each codebook class label has the logit of
/// its own binary model, read in the codebook's precedence (terrorist first). A class whose words the
/// sentence does not contain gets nothing; the rest goes down the chain, and what no class takes is
/// <c>none</c>. So the labels get P(c) = q_c × Π (1 − q_h) over the higher classes h, with q = σ(logit).
/// </summary>
internal sealed class DesignationCascade
{
    private readonly int[] _labelOf; // label index per DesignationClass value; -1 when the head lacks the class
    private readonly int _none;

    private DesignationCascade(int[] labelOf, int none)
    {
        _labelOf = labelOf;
        _none = none;
    }

    /// <summary>The cascade over <paramref name="labels"/>, which must be "none" and codebook class names.</summary>
    /// <exception cref="ArgumentException">A label is not a codebook class, or "none" or every class is missing.</exception>
    public static DesignationCascade For(IReadOnlyList<string> labels)
    {
        var labelOf = new int[(int)DesignationClass.Terrorist + 1];
        Array.Fill(labelOf, -1);
        for (int k = 0; k < labels.Count; k++)
            labelOf[(int)ClassNamed(labels[k])] = k;
        if (labelOf[(int)DesignationClass.None] < 0 || labels.Count < 2)
            throw new ArgumentException("A cascade head needs the label 'none' and at least one codebook class.");
        return new DesignationCascade(labelOf, labelOf[(int)DesignationClass.None]);
    }

    /// <summary>The class label <paramref name="label"/> stands for.</summary>
    public DesignationClass ClassOf(int label) => (DesignationClass)Array.IndexOf(_labelOf, label);

    /// <summary>The label index of <c>none</c>.</summary>
    public int NoneLabel => _none;

    /// <summary>
    /// Fills <paramref name="probabilities"/> from the class logits in <paramref name="logits"/> (the
    /// <c>none</c> slot is ignored) and <paramref name="seen"/>, a bit per <see cref="DesignationClass"/>
    /// whose words the sentence contains.
    /// </summary>
    public void Probabilities(ReadOnlySpan<float> logits, int seen, Span<float> probabilities)
    {
        float rest = 1;
        for (int c = (int)DesignationClass.Terrorist; c > (int)DesignationClass.None; c--)
        {
            int k = _labelOf[c];
            if (k < 0) continue;
            float q = (seen & (1 << c)) != 0 ? 1 / (1 + MathF.Exp(-logits[k])) : 0;
            probabilities[k] = rest * q;
            rest -= probabilities[k];
        }
        probabilities[_none] = rest;
    }

    /// <summary>The highest class of <paramref name="seen"/> that the head has, or <see cref="DesignationClass.None"/>.</summary>
    public DesignationClass TopSeen(int seen)
    {
        for (int c = (int)DesignationClass.Terrorist; c > (int)DesignationClass.None; c--)
            if (_labelOf[c] >= 0 && (seen & (1 << c)) != 0) return (DesignationClass)c;
        return DesignationClass.None;
    }

    private static DesignationClass ClassNamed(string label) => label switch
    {
        "none" => DesignationClass.None,
        "insurgent" => DesignationClass.Insurgent,
        "rebel" => DesignationClass.Rebel,
        "jihadist" => DesignationClass.Jihadist,
        "terrorist" => DesignationClass.Terrorist,
        _ => throw new ArgumentException($"A cascade head's labels are the codebook's classes (terrorist, jihadist, rebel, insurgent, none); '{label}' is not one."),
    };

    /// <summary>The label index of class <paramref name="c"/>, or -1.</summary>
    public int LabelOf(DesignationClass c) => _labelOf[(int)c];
}
