namespace FramingClassifier;

/// <summary>The result of one head for one text: the winning label and the probability of every label.</summary>
public sealed class HeadPrediction
{
    private readonly float[] _probabilities;

    internal HeadPrediction(ModelHead head, float[] probabilities)
    {
        Head = head;
        _probabilities = probabilities;
        LabelIndex = FramingModel.ArgMax(probabilities);
    }

    /// <summary>The head this prediction is for.</summary>
    public ModelHead Head { get; }

    /// <summary>Index of <see cref="Label"/> in <see cref="ModelHead.Labels"/>.</summary>
    public int LabelIndex { get; }

    /// <summary>The most probable label.</summary>
    public string Label => Head.Labels[LabelIndex];

    /// <summary>The probability of <see cref="Label"/>.</summary>
    public float Probability => _probabilities[LabelIndex];

    /// <summary>Probabilities in the order of <see cref="ModelHead.Labels"/>; they sum to 1.</summary>
    public ReadOnlySpan<float> Probabilities => _probabilities;

    /// <summary>The probability of <paramref name="label"/>.</summary>
    /// <exception cref="KeyNotFoundException">The head has no such label.</exception>
    public float this[string label]
    {
        get
        {
            for (int k = 0; k < Head.Labels.Count; k++)
                if (Head.Labels[k] == label) return _probabilities[k];
            throw new KeyNotFoundException($"Head '{Head.Name}' has no label '{label}'. Labels: {string.Join(", ", Head.Labels)}.");
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Head.Name}={Label} ({Probability:0.000})";
}

/// <summary>The predictions of every head of a model for one text.</summary>
public sealed class Prediction
{
    internal Prediction(string text, HeadPrediction[] heads)
    {
        Text = text;
        Heads = heads;
    }

    /// <summary>The text that was scored.</summary>
    public string Text { get; }

    /// <summary>One prediction per head, in the model's head order.</summary>
    public IReadOnlyList<HeadPrediction> Heads { get; }

    /// <summary>The prediction of the head named <paramref name="head"/>.</summary>
    /// <exception cref="KeyNotFoundException">The model has no such head.</exception>
    public HeadPrediction this[string head]
    {
        get
        {
            foreach (HeadPrediction p in Heads)
                if (p.Head.Name == head) return p;
            throw new KeyNotFoundException($"The model has no head '{head}'. Heads: {string.Join(", ", Heads.Select(h => h.Head.Name))}.");
        }
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join("; ", Heads);
}
