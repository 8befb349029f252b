using FramingClassifier.Training;
using NUnit.Framework;

namespace FramingClassifier.Tests;

/// <summary>The choice of L2 and class weights that `framing train` makes when it is given neither.</summary>
[NonParallelizable]
public sealed class RegularizationPathTests : TempDirectoryFixture
{
    [Test]
    public void SmallDataKeepsTheBestPointOfThePath()
    {
        var (best, path) = RegularizationPath.Choose(ToyData.TwoHeads(), ToyData.SmallOptions, folds: 3);
        Assert.That(path.Take(2).Select(p => (p.L2, p.ClassWeights)),
            Is.EqualTo(new[] { (1e-5, ClassWeighting.None), (1e-5, ClassWeighting.Balanced) }), "both weightings at the weakest penalty first");
        GridPoint top = path.Aggregate((a, b) => b.Score > a.Score ? b : a);
        Assert.That((best.L2, best.ClassWeights), Is.EqualTo((top.L2, top.ClassWeights)));
    }

    [Test]
    public void TheOneStandardErrorRuleTakesTheStrongestPenaltyWithinOneErrorOfTheBest()
    {
        GridPoint[] path =
        [
            new(1e-5, ClassWeighting.None, 0.50, 0.01), new(1e-5, ClassWeighting.Balanced, 0.60, 0.02),
            new(1e-4, ClassWeighting.Balanced, 0.59, 0.02), new(1e-3, ClassWeighting.Balanced, 0.57, 0.02),
        ];
        Assert.That(RegularizationPath.Pick(path, oneStandardError: false), Is.EqualTo(path[1]));
        Assert.That(RegularizationPath.Pick(path, oneStandardError: true), Is.EqualTo(path[2]), "0.57 is more than 0.02 below 0.60");
        Assert.That(RegularizationPath.Pick([.. path, new(1e-2, ClassWeighting.None, 0.595, 0.01)], oneStandardError: true), Is.EqualTo(path[2]),
            "only the best point's class weighting");
    }

    [Test]
    public void AGivenL2OrWeightingIsKept()
    {
        TrainingOptions given = ToyData.SmallOptions with { L2 = 0.5, ClassWeights = ClassWeighting.Balanced };
        var (weights, weightPath) = RegularizationPath.Choose(ToyData.TwoHeads(), given, chooseL2: false, folds: 3);
        Assert.That((weights.L2, weightPath.Select(p => p.L2).Distinct()), Is.EqualTo((0.5, new[] { 0.5 })));
        var (l2, l2Path) = RegularizationPath.Choose(ToyData.TwoHeads(), given, chooseWeights: false, folds: 3);
        Assert.That((l2.ClassWeights, l2Path.Select(p => p.ClassWeights).Distinct()), Is.EqualTo((ClassWeighting.Balanced, new[] { ClassWeighting.Balanced })));
        Assert.That(l2.L2, Is.Not.EqualTo(0.5));
        Assert.That(RegularizationPath.Choose(ToyData.TwoHeads(), given, false, false).Best, Is.SameAs(given));
    }

    [Test]
    public void TrainWithoutTuningOptionsChoosesTheSameModelBytesTwice()
    {
        string data = TrainingFile();
        var first = CliHarness.Run("train", "--data", data, "--label-columns", "topic", "--out", Path.Combine(Dir, "a.fcm"), "--buckets", "16384");
        var second = CliHarness.Run("train", "--data", data, "--label-columns", "topic", "--out", Path.Combine(Dir, "b.fcm"), "--buckets", "16384", "--threads", "1");
        Assert.That((first.Code, second.Code), Is.EqualTo((0, 0)), first.Err + second.Err);
        Assert.That(first.Err, Does.Contain("chosen: l2="));
        Assert.That(File.ReadAllBytes(Path.Combine(Dir, "b.fcm")), Is.EqualTo(File.ReadAllBytes(Path.Combine(Dir, "a.fcm"))));
    }

    [Test]
    public void ExplicitL2AndClassWeightsOverrideTheChoice()
    {
        string data = TrainingFile();
        string chosen = Path.Combine(Dir, "chosen.fcm"), given = Path.Combine(Dir, "given.fcm");
        var auto = CliHarness.Run("train", "--data", data, "--label-columns", "topic", "--out", chosen, "--buckets", "16384");
        var r = CliHarness.Run("train", "--data", data, "--label-columns", "topic", "--out", given, "--buckets", "16384", "--l2", "0.25", "--class-weights", "none");
        Assert.That((auto.Code, r.Code), Is.EqualTo((0, 0)), auto.Err + r.Err);
        Assert.That(r.Err, Does.Not.Contain("cv l2="));
        FramingModel model = FramingModel.Load(given);
        Assert.That((model.Metadata["l2"], model.Metadata["class-weights"]), Is.EqualTo(("0.25", "none")));
        Assert.That(FramingModel.Load(chosen).Metadata["l2"], Is.Not.EqualTo("0.25"));

        var l2Only = CliHarness.Run("train", "--data", data, "--label-columns", "topic", "--out", given, "--buckets", "16384", "--l2", "0.25");
        Assert.That(l2Only.Err, Does.Contain("cv l2=0.25 class-weights=none").And.Contain("cv l2=0.25 class-weights=balanced").And.Not.Contain("cv l2=1E-05"));
        Assert.That(FramingModel.Load(given).Metadata["l2"], Is.EqualTo("0.25"));
    }

    [Test]
    public void FoldsCrossValidateTheChoiceToo()
    {
        string data = TrainingFile();
        var chosen = CliHarness.Run("train", "--data", data, "--label-columns", "topic", "--out", Path.Combine(Dir, "a.fcm"), "--buckets", "16384", "--folds", "3");
        Assert.That(chosen.Code, Is.EqualTo(0), chosen.Err);
        Assert.That(chosen.Err, Does.Contain("fold 1: chosen: l2=").And.Contain("fold 3: chosen: l2="));
        Assert.That(chosen.Out, Does.Contain("3-fold cross-validation, options chosen in each fold"));
        var given = CliHarness.Run("train", "--data", data, "--label-columns", "topic", "--out", Path.Combine(Dir, "b.fcm"), "--buckets", "16384", "--folds", "3",
            "--l2", "1e-4", "--class-weights", "none");
        Assert.That(given.Code, Is.EqualTo(0), given.Err);
        Assert.That(given.Err, Does.Not.Contain("fold 1:").And.Not.Contain("chosen"));
        Assert.That(given.Out, Does.Contain("3-fold cross-validation:"));
    }

    private string TrainingFile()
    {
        var data = ToyData.TwoHeads();
        return Write("train.tsv", "text\ttopic\n" + string.Concat(Enumerable.Range(0, data.Count).Select(i => $"{data.Texts[i]}\t{data.Labels[0][i]}\n")));
    }
}
