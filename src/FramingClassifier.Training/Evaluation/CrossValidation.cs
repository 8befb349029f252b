namespace FramingClassifier.Training;

/// <summary>The result of k-fold cross-validation: one report per fold.</summary>
public sealed record CrossValidationResult(IReadOnlyList<EvaluationReport> Folds)
{
    /// <summary>Mean and standard deviation over folds of a head's macro-F1 and accuracy.</summary>
    public (double MeanF1, double SdF1, double MeanAccuracy, double SdAccuracy) Summary(string head)
    {
        double[] f1 = Folds.Select(f => f[head].MacroF1).ToArray();
        double[] acc = Folds.Select(f => f[head].Accuracy).ToArray();
        return (f1.Average(), Sd(f1), acc.Average(), Sd(acc));
    }

    private static double Sd(double[] v)
    {
        double mean = v.Average();
        return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / Math.Max(1, v.Length - 1));
    }
}

/// <summary>Stratified k-fold cross-validation, stratified on the first head.</summary>
public static class CrossValidation
{
    /// <summary>
    /// Trains on k−1 folds and evaluates on the remaining one, k times. With <paramref name="choose"/>, each fold trains
    /// with the options it returns for that fold's training rows and <paramref name="options"/>, so whatever it chooses
    /// (the L2 penalty, the class weights) is chosen without the rows the fold scores: the estimate is of the whole
    /// training procedure, choice included (nested cross-validation).
    /// </summary>
    public static CrossValidationResult Run(LabeledDataset data, TrainingOptions options, int folds,
        Func<LabeledDataset, TrainingOptions, TrainingOptions>? choose = null)
    {
        int[] fold = DataSplits.StratifiedFolds(data.Labels[0], folds, options.Seed);
        // Every text is trained on in k−1 folds and scored in one: embed each once.
        options = options with { Embeddings = CachedSentenceEncoder.Wrap(options.Embeddings) };
        var reports = new List<EvaluationReport>();
        for (int f = 0; f < folds; f++)
        {
            var (train, test) = DataSplits.Fold(data, fold, f);
            TrainingOptions used = choose is null ? options : choose(train, options);
            reports.Add(Evaluator.Evaluate(ModelTrainer.Train(train, used), test));
        }
        return new CrossValidationResult(reports);
    }
}
