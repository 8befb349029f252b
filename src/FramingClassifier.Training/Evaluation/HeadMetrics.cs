namespace FramingClassifier.Training;

/// <summary>Precision, recall, F1 and support of one label.</summary>
public sealed record ClassMetrics(string Label, double Precision, double Recall, double F1, int Support);

/// <summary>The evaluation of one head on labelled rows.</summary>
public sealed record HeadMetrics
{
    /// <summary>The head.</summary>
    public required string Head { get; init; }

    /// <summary>The model's labels, the order of <see cref="Confusion"/>.</summary>
    public required IReadOnlyList<string> Labels { get; init; }

    /// <summary>Rows evaluated.</summary>
    public required int Count { get; init; }

    /// <summary>Rows whose gold label is not in the model's label set (left out of every figure).</summary>
    public required int UnknownLabels { get; init; }

    /// <summary>Share of rows predicted correctly.</summary>
    public required double Accuracy { get; init; }

    /// <summary>Unweighted mean of the per-label F1.</summary>
    public required double MacroF1 { get; init; }

    /// <summary>Mean −ln p(gold label).</summary>
    public required double LogLoss { get; init; }

    /// <summary>Per-label figures.</summary>
    public required IReadOnlyList<ClassMetrics> Classes { get; init; }

    /// <summary>Confusion[gold][predicted] counts.</summary>
    public required int[][] Confusion { get; init; }

    /// <summary>Computes the figures from gold label indices (-1 for unknown), predicted indices and gold-label probabilities.</summary>
    public static HeadMetrics Compute(string head, IReadOnlyList<string> labels, int[] gold, int[] predicted, double[] goldProbability)
    {
        int k = labels.Count;
        var confusion = Enumerable.Range(0, k).Select(_ => new int[k]).ToArray();
        int n = 0, correct = 0, unknown = 0;
        double logLoss = 0;
        for (int i = 0; i < gold.Length; i++)
        {
            if (gold[i] < 0) { unknown++; continue; }
            n++;
            confusion[gold[i]][predicted[i]]++;
            if (gold[i] == predicted[i]) correct++;
            logLoss -= Math.Log(Math.Max(goldProbability[i], 1e-15));
        }
        var classes = Enumerable.Range(0, k).Select(c => ClassFigures(labels[c], confusion, c)).ToArray();
        return new HeadMetrics
        {
            Head = head, Labels = labels, Count = n, UnknownLabels = unknown,
            Accuracy = n == 0 ? 0 : (double)correct / n,
            MacroF1 = classes.Average(c => c.F1),
            LogLoss = n == 0 ? 0 : logLoss / n,
            Classes = classes, Confusion = confusion,
        };
    }

    private static ClassMetrics ClassFigures(string label, int[][] confusion, int c)
    {
        int tp = confusion[c][c];
        int predicted = confusion.Sum(row => row[c]);
        int support = confusion[c].Sum();
        double p = predicted == 0 ? 0 : (double)tp / predicted;
        double r = support == 0 ? 0 : (double)tp / support;
        double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
        return new ClassMetrics(label, p, r, f1, support);
    }
}
