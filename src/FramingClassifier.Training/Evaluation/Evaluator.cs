namespace FramingClassifier.Training;

/// <summary>Scores labelled rows with a model and computes each head's metrics.</summary>
public static class Evaluator
{
    /// <summary>Evaluates every head of <paramref name="model"/> that <paramref name="data"/> has a label column for.</summary>
    /// <param name="model">The model.</param>
    /// <param name="data">Labelled rows.</param>
    /// <param name="worstErrors">How many of each head's most confident errors to list in the report.</param>
    /// <exception cref="KeyNotFoundException">A label column of the data is not a head of the model.</exception>
    public static EvaluationReport Evaluate(FramingModel model, LabeledDataset data, int worstErrors = 0)
    {
        Prediction[] predictions = model.PredictBatch(data.Texts).ToArray();
        var heads = new List<HeadMetrics>();
        var errors = new List<EvaluationError>();
        for (int h = 0; h < data.Heads.Count; h++)
        {
            ModelHead head = model.Head(data.Heads[h]);
            int headIndex = IndexOf(model.Heads.Select(x => x.Name).ToArray(), head.Name);
            var gold = new List<int>();
            var predicted = new List<int>();
            var probability = new List<double>();
            var wrong = new List<EvaluationError>();
            for (int i = 0; i < data.Count; i++)
            {
                string? label = data.Labels[h][i];
                if (label is null) continue;
                HeadPrediction p = predictions[i].Heads[headIndex];
                int g = IndexOf(head.Labels, label);
                gold.Add(g);
                predicted.Add(p.LabelIndex);
                probability.Add(g >= 0 ? p.Probabilities[g] : 0);
                if (g != p.LabelIndex) wrong.Add(new EvaluationError(head.Name, label, p.Label, p.Probability, data.Texts[i]));
            }
            heads.Add(HeadMetrics.Compute(head.Name, head.Labels, gold.ToArray(), predicted.ToArray(), probability.ToArray()));
            errors.AddRange(wrong.OrderByDescending(e => e.Probability).Take(worstErrors));
        }
        return new EvaluationReport(heads, errors);
    }

    /// <summary>
    /// Evaluates a labelling function that returns one label per head and no probabilities (such as
    /// <see cref="KeywordBaseline"/>); the label sets are the union of gold and predicted labels, and
    /// log-loss is reported as NaN.
    /// </summary>
    public static EvaluationReport Evaluate(Func<string, IReadOnlyDictionary<string, string>> labeler, LabeledDataset data)
    {
        var predicted = data.Texts.Select(labeler).ToArray();
        var heads = new List<HeadMetrics>();
        for (int h = 0; h < data.Heads.Count; h++)
        {
            string head = data.Heads[h];
            var rows = Enumerable.Range(0, data.Count).Where(i => data.Labels[h][i] is not null).ToArray();
            string[] labels = rows.SelectMany(i => new[] { data.Labels[h][i]!, predicted[i][head] }).Distinct().Order(StringComparer.Ordinal).ToArray();
            int[] gold = rows.Select(i => Array.IndexOf(labels, data.Labels[h][i])).ToArray();
            int[] guess = rows.Select(i => Array.IndexOf(labels, predicted[i][head])).ToArray();
            heads.Add(HeadMetrics.Compute(head, labels, gold, guess, rows.Select(_ => double.NaN).ToArray()));
        }
        return new EvaluationReport(heads);
    }

    private static int IndexOf(IReadOnlyList<string> labels, string label)
    {
        for (int k = 0; k < labels.Count; k++)
            if (labels[k] == label) return k;
        return -1;
    }
}
