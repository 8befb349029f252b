using FramingClassifier.Training;
using NUnit.Framework;

namespace FramingClassifier.Tests;

public sealed class EvaluationTests
{
    [Test]
    public void MetricsMatchAHandComputedExample()
    {
        // gold a a a b b c; predicted a a b b c c
        var m = HeadMetrics.Compute("h", ["a", "b", "c"], [0, 0, 0, 1, 1, 2], [0, 0, 1, 1, 2, 2], [0.5, 0.5, 0.5, 0.5, 0.5, 0.25]);
        Assert.That(m.Accuracy, Is.EqualTo(4.0 / 6).Within(1e-12));
        Assert.That(m.Confusion[0], Is.EqualTo(new[] { 2, 1, 0 }));
        // a: P 1, R 2/3, F1 0.8; b: P 1/2, R 1/2, F1 1/2; c: P 1/2, R 1, F1 2/3
        Assert.That(m.Classes.Select(c => c.F1), Is.EqualTo(new[] { 0.8, 0.5, 2.0 / 3 }).Within(1e-12));
        Assert.That(m.MacroF1, Is.EqualTo((0.8 + 0.5 + 2.0 / 3) / 3).Within(1e-12));
        Assert.That(m.LogLoss, Is.EqualTo((5 * Math.Log(2) + Math.Log(4)) / 6).Within(1e-12));
    }

    [Test]
    public void TheWorstErrorsAreEachHeadsMostConfidentMistakes()
    {
        FramingModel model = FramingModel.Default;
        string[] texts =
        [
            "Residents cheered as opposition fighters rolled into the main square.",
            "Militants from the group overran two army posts near the border before dawn.",
            "The port city has been under a naval blockade since March.",
            "\"These terrorist gangs will be wiped out,\" the governor told state television.",
        ];
        // Gold labels that disagree with the model on the first three rows.
        string?[] gold = texts.Select(t => model.Predict(t)["framing"].Label == "none" ? "rebel" : "none").ToArray<string?>();
        gold[3] = model.Predict(texts[3])["framing"].Label;
        var data = LabeledDataset.Create(texts, new() { ["framing"] = gold });
        EvaluationReport report = Evaluator.Evaluate(model, data, worstErrors: 2);
        Assert.That(report.Errors, Has.Count.EqualTo(2));
        Assert.That(report.Errors.Select(e => e.Probability), Is.Ordered.Descending);
        string[] expected = texts.Take(3).OrderByDescending(t => model.Predict(t)["framing"].Probability).Take(2).ToArray();
        Assert.That(report.Errors.Select(e => e.Text), Is.EqualTo(expected));
        foreach (EvaluationError e in report.Errors)
        {
            Assert.That(e.Gold, Is.Not.EqualTo(e.Predicted));
            Assert.That(e.Predicted, Is.EqualTo(model.Predict(e.Text)["framing"].Label));
        }
        Assert.That(report.ToTable(), Does.Contain("most confident errors").And.Contain(report.Errors[0].Text));
        Assert.That(Evaluator.Evaluate(model, data).Errors, Is.Empty);
    }

    [Test]
    public void GroupHoldOutKeepsWholeGroupsOut()
    {
        var data = LabeledDataset.Create(["a", "b", "c", "d"], new() { ["y"] = ["x", "y", "x", "y"] }, ["mali", "peru", "mali", "yemen"]);
        var (train, test) = DataSplits.HoldOutGroups(data, ["mali"]);
        Assert.That(test, Is.EqualTo(new[] { 0, 2 }));
        Assert.That(train, Is.EqualTo(new[] { 1, 3 }));
        var e = Assert.Throws<ArgumentException>(() => DataSplits.HoldOutGroups(data, ["chad"]));
        Assert.That(e!.Message, Does.Contain("chad").And.Contain("mali, peru, yemen"));
    }

    [Test]
    public void StratifiedFoldsSpreadEveryLabelEvenly()
    {
        var labels = Enumerable.Range(0, 100).Select(i => (string?)(i < 70 ? "big" : i < 95 ? "mid" : "rare")).ToArray();
        int[] fold = DataSplits.StratifiedFolds(labels, 5, seed: 9);
        foreach (string label in new[] { "big", "mid", "rare" })
        {
            var perFold = Enumerable.Range(0, 5).Select(f => Enumerable.Range(0, 100).Count(i => fold[i] == f && labels[i] == label)).ToArray();
            Assert.That(perFold.Max() - perFold.Min(), Is.LessThanOrEqualTo(1), label);
        }
        Assert.That(DataSplits.StratifiedFolds(labels, 5, seed: 9), Is.EqualTo(fold), "same seed, same folds");
    }

    [Test]
    public void CrossValidationReportsEveryFold()
    {
        CrossValidationResult cv = CrossValidation.Run(ToyData.TwoHeads(), ToyData.SmallOptions, folds: 3);
        Assert.That(cv.Folds, Has.Count.EqualTo(3));
        Assert.That(cv.Summary("topic").MeanF1, Is.GreaterThan(0.9));
    }

    [Test]
    public void CrossValidationChoosesEachFoldsOptionsOnItsTrainingRowsAlone()
    {
        LabeledDataset data = ToyData.TwoHeads();
        var seen = new List<IReadOnlyList<string>>();
        CrossValidationResult plain = CrossValidation.Run(data, ToyData.SmallOptions, folds: 3);
        CrossValidationResult chosen = CrossValidation.Run(data, ToyData.SmallOptions, folds: 3, (rows, options) =>
        {
            seen.Add(rows.Texts);
            return options with { L2 = 1e4 };
        });
        int[] fold = DataSplits.StratifiedFolds(data.Labels[0], 3, ToyData.SmallOptions.Seed);
        for (int f = 0; f < 3; f++)
            Assert.That(seen[f], Is.EquivalentTo(data.Texts.Where((_, i) => fold[i] != f)), $"fold {f} chose on its training rows");
        Assert.That(chosen.Summary("topic").MeanF1, Is.LessThan(plain.Summary("topic").MeanF1 - 0.2), "each fold trained with the options chosen for it");
    }

    [Test]
    public void TuningSearchesTheWholeGridAndKeepsTheBestPoint()
    {
        var (best, grid) = HyperparameterSearch.Tune(ToyData.TwoHeads(), ToyData.SmallOptions, folds: 3, l2Grid: [1e-4, 1.0]);
        Assert.That(grid, Has.Count.EqualTo(4));
        GridPoint top = grid.MaxBy(p => p.Score)!;
        Assert.That((best.L2, best.ClassWeights), Is.EqualTo((top.L2, top.ClassWeights)));
        Assert.That(top.L2, Is.EqualTo(1e-4), "a penalty of 1 cannot fit the toy problem");
    }

    [Test]
    public void TuningWithAnEncoderAlsoSearchesTheEmbeddingScale()
    {
        var options = ToyData.SmallOptions with { Embeddings = new WordHashEncoder() };
        var (best, grid) = HyperparameterSearch.Tune(ToyData.TwoHeads(), options, folds: 3, l2Grid: [1e-2], scaleGrid: [0.25f, 8f]);
        Assert.That(grid.Select(p => p.EmbeddingScale).Distinct(), Is.EqualTo(new[] { 0.25f, 8f }));
        GridPoint top = grid.MaxBy(p => p.Score)!;
        Assert.That((best.L2, best.ClassWeights, best.EmbeddingScale), Is.EqualTo((top.L2, top.ClassWeights, top.EmbeddingScale)));
        Assert.That(best.Embeddings, Is.SameAs(options.Embeddings));
        // An embedding 8 times the n-gram vector's weight drowns the toy problem's keyword: the scale must reach the fits.
        double Score(float scale) => grid.Where(p => p.EmbeddingScale == scale).Max(p => p.Score);
        Assert.That(Score(0.25f), Is.GreaterThan(Score(8f)));
        var (kept, only) = HyperparameterSearch.Tune(ToyData.TwoHeads(), options with { EmbeddingScale = 0.7f }, folds: 3, l2Grid: [1e-2], scaleGrid: [0.7f]);
        Assert.That(only.Select(p => p.EmbeddingScale).Distinct(), Is.EqualTo(new[] { 0.7f }));
        Assert.That(kept.EmbeddingScale, Is.EqualTo(0.7f));
        Assert.That(HyperparameterSearch.Tune(ToyData.TwoHeads(), ToyData.SmallOptions, folds: 3, l2Grid: [1e-2]).Grid.Select(p => p.EmbeddingScale), Is.All.EqualTo(0f));
    }

    [Test]
    public void TuningScoresDoNotDependOnTheThreads()
    {
        var (_, oneThread) = HyperparameterSearch.Tune(ToyData.TwoHeads(), ToyData.SmallOptions with { MaxDegreeOfParallelism = 1 }, folds: 3);
        var (_, allCores) = HyperparameterSearch.Tune(ToyData.TwoHeads(), ToyData.SmallOptions with { MaxDegreeOfParallelism = -1 }, folds: 3);
        Assert.That(allCores, Is.EqualTo(oneThread), "grid points fitted side by side must score as fitted one by one");
    }

    [Test]
    public void ReportPrintsAndSerializesEveryHead()
    {
        EvaluationReport report = Evaluator.Evaluate(ToyData.Model.Value, ToyData.TwoHeads());
        Assert.That(report.ToTable(), Does.Contain("== topic: accuracy").And.Contain("== voice: accuracy").And.Contain("confusion"));
        using var json = System.Text.Json.JsonDocument.Parse(report.ToJson());
        Assert.That(json.RootElement.GetProperty("heads").GetArrayLength(), Is.EqualTo(2));
        Assert.That(json.RootElement.GetProperty("heads")[0].GetProperty("macro_f1").GetDouble(), Is.EqualTo(report.Heads[0].MacroF1));
    }
}
