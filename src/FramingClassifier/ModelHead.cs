namespace FramingClassifier;

/// <summary>One output of a model: a label column and its label set, in the order the model scores them.</summary>
public sealed class ModelHead
{
    internal ModelHead(string name, IReadOnlyList<string> labels, int offset, TreeEnsemble? trees = null, DesignationCascade? cascade = null)
    {
        Name = name;
        Labels = labels;
        Offset = offset;
        Trees = trees;
        Cascade = cascade;
    }

    /// <summary>The head's name: the label column it was trained on (for example "framing").</summary>
    public string Name { get; }

    /// <summary>The labels, in score order (sorted ordinally at training).</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Position of this head's first score in the model's concatenated score vector.</summary>
    internal int Offset { get; }

    /// <summary>How the head scores: linear weights, trees, or trees stacked on the linear scores.</summary>
    public HeadScorer Scorer => Trees?.Kind ?? (Cascade is null ? HeadScorer.Linear : HeadScorer.Cascade);

    /// <summary>The head's trees; null for a linear head.</summary>
    internal TreeEnsemble? Trees { get; }

    /// <summary>The cascade link of a <see cref="HeadScorer.Cascade"/> head; null otherwise.</summary>
    internal DesignationCascade? Cascade { get; }

    internal ModelHead WithTrees(TreeEnsemble trees) => new(Name, Labels, Offset, trees, Cascade);

    /// <summary>This head read as a cascade over its labels, which must be the codebook's classes.</summary>
    /// <exception cref="ArgumentException">A label is not a codebook class, or "none" is missing.</exception>
    internal ModelHead AsCascade() => new(Name, Labels, Offset, Trees, DesignationCascade.For(Labels));

    /// <summary>The head of <paramref name="heads"/> named <paramref name="name"/>, or null: the one head lookup.</summary>
    internal static ModelHead? Find(IReadOnlyList<ModelHead> heads, string name)
    {
        foreach (ModelHead head in heads)
            if (head.Name == name) return head;
        return null;
    }

    /// <summary>The heads' names, comma-separated, for error messages.</summary>
    internal static string Names(IReadOnlyList<ModelHead> heads) => string.Join(", ", heads.Select(h => h.Name));

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Name} ({string.Join(", ", Labels)})" + (Scorer == HeadScorer.Linear ? "" : $" [{Scorer.ToString().ToLowerInvariant()}]");
}
