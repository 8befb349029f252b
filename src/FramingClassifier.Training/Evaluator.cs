namespace FramingClassifier.Training;

/// <summary>Scores labelled rows with a model and computes each head's metrics.</summary>
public static class Evaluator
{
    /// <summary>Evaluates every head of <paramref name="model"/> that <paramref name="data"/> has a label column for.</summary>
    /// <exception cref="KeyNotFoundException">A label column of the data is not a head of the model.</exception>
    public static EvaluationReport Evaluate(FramingModel model, LabeledDataset data)
    {
        Prediction[] predictions = model.PredictBatch(data.Texts).ToArray();
        var heads = new List<HeadMetrics>();
        for (int h = 0; h < data.Heads.Count; h++)
        {
            ModelHead head = model.Head(data.Heads[h]);
            var gold = new List<int>();
            var predicted = new List<int>();
            var probability = new List<double>();
            for (int i = 0; i < data.Count; i++)
            {
                string? label = data.Labels[h][i];
                if (label is null) continue;
                HeadPrediction p = predictions[i].Heads[model.Heads.ToList().IndexOf(head)];
                int g = IndexOf(head.Labels, label);
                gold.Add(g);
                predicted.Add(p.LabelIndex);
                probability.Add(g >= 0 ? p.Probabilities[g] : 0);
            }
            heads.Add(HeadMetrics.Compute(head.Name, head.Labels, gold.ToArray(), predicted.ToArray(), probability.ToArray()));
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
