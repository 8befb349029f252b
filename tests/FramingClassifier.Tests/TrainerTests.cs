using FramingClassifier.Training;
using NUnit.Framework;

namespace FramingClassifier.Tests;

public sealed class TrainerTests
{
    [Test]
    public void LearnsASeparableProblemOnEveryHead()
    {
        LabeledDataset data = ToyData.TwoHeads();
        EvaluationReport report = Evaluator.Evaluate(ToyData.Model.Value, data);
        Assert.That(report["topic"].Accuracy, Is.EqualTo(1.0));
        Assert.That(report["voice"].Accuracy, Is.EqualTo(1.0));
    }

    [Test]
    public void GeneralizesToUnseenSentencesOfTheToyProblem()
    {
        FramingModel model = ToyData.Model.Value;
        Assert.That(model.Predict("Officials confirmed gunmen raided the stadium during the football match.")["topic"].Label, Is.EqualTo("sport"));
        Assert.That(model.Predict("“The militia burned a village at dawn,” a witness said.")["voice"].Label, Is.EqualTo("attributed"));
    }

    [Test]
    public void LabelSetsComeFromTheData()
    {
        FramingModel model = ToyData.Model.Value;
        Assert.That(model.Heads.Select(h => h.Name), Is.EqualTo(new[] { "topic", "voice" }));
        Assert.That(model.Head("voice").Labels, Is.EqualTo(new[] { "attributed", "outlet" }));
    }

    [TestCase(LinearSolver.Sag)]
    [TestCase(LinearSolver.Lbfgs)]
    public void SaysWhenASolverStoppedAtTheIterationLimit(LinearSolver solver)
    {
        List<string> Log(int maxIterations)
        {
            var lines = new List<string>();
            ModelTrainer.Train(ToyData.TwoHeads(), ToyData.SmallOptions with { Solver = solver, MaxIterations = maxIterations }, lines.Add);
            return lines;
        }
        Assert.That(Log(2), Has.All.Contains("the iteration limit"));
        Assert.That(Log(1000), Has.None.Contains("the iteration limit"));
    }

    [Test]
    public void L1MakesWeightsExactlyZero()
    {
        FramingModel dense = ToyData.Model.Value;
        FramingModel sparse = ModelTrainer.Train(ToyData.TwoHeads(), ToyData.SmallOptions with { L1 = 1e-3 });
        int Zeros(FramingModel m) => m.Linear.Weights.ToArray().Count(w => w == 0f);
        Assert.That(Zeros(sparse), Is.GreaterThan(Zeros(dense) + 1000));
        Assert.That(Evaluator.Evaluate(sparse, ToyData.TwoHeads())["topic"].Accuracy, Is.GreaterThan(0.95));
    }

    [Test]
    public void BalancedClassWeightsRaiseRecallOfTheRareClass()
    {
        // 1 in 10 rows is "rare"; a strong penalty makes the unweighted model lean on the prior.
        var texts = Enumerable.Range(0, 200).Select(i => i % 10 == 0 ? $"alpha case {i}" : $"beta case {i}").ToList();
        var labels = texts.Select(t => (string?)(t.StartsWith("alpha") ? "rare" : "common")).ToList();
        var data = LabeledDataset.Create(texts, new() { ["y"] = labels });
        var options = ToyData.SmallOptions with { L2 = 0.05 };
        double Recall(ClassWeighting w) => Evaluator.Evaluate(ModelTrainer.Train(data, options with { ClassWeights = w }), data)["y"].Classes.Single(c => c.Label == "rare").Recall;
        Assert.That(Recall(ClassWeighting.Balanced), Is.GreaterThan(Recall(ClassWeighting.None)));
    }

    [Test]
    public void RowsWithAnEmptyLabelAreSkippedForThatHeadOnly()
    {
        var texts = new[] { "red apple", "green apple", "red cherry", "green pear" };
        var data = LabeledDataset.Create(texts, new() { ["color"] = ["red", "green", "red", "green"], ["fruit"] = ["apple", null, "cherry", "pear"] });
        Assert.That(data.SkippedLabels, Is.EqualTo(new[] { 0, 1 }));
        FramingModel model = ModelTrainer.Train(data, ToyData.SmallOptions);
        Assert.That(model.Head("fruit").Labels, Is.EqualTo(new[] { "apple", "cherry", "pear" }));
    }

    [Test]
    public void AHeadWithOneLabelIsAnError()
    {
        var data = LabeledDataset.Create(["a", "b"], new() { ["y"] = ["x", "x"] });
        var e = Assert.Throws<ArgumentException>(() => ModelTrainer.Train(data, ToyData.SmallOptions));
        Assert.That(e!.Message, Does.Contain("'y'").And.Contain("two labels"));
    }

    [Test]
    public void SagWithL1IsAnErrorAndAutoTakesLbfgsForL1()
    {
        var sag = ToyData.SmallOptions with { L1 = 1e-3, Solver = LinearSolver.Sag };
        var e = Assert.Throws<ArgumentException>(() => ModelTrainer.Train(ToyData.TwoHeads(), sag));
        Assert.That(e!.Message, Does.Contain("L1"));
        FramingModel auto = ModelTrainer.Train(ToyData.TwoHeads(), ToyData.SmallOptions with { L1 = 1e-3 });
        Assert.That(auto.Metadata["trainer"], Does.Contain("L-BFGS"));
        Assert.That(ModelTrainer.Train(ToyData.TwoHeads(), ToyData.SmallOptions).Metadata["trainer"], Does.Contain("SAG"));
    }

    [Test]
    public void TwoTrainingsGiveByteIdenticalFiles()
    {
        byte[] a = ModelFile.ToBytes(ModelTrainer.Train(ToyData.TwoHeads(), ToyData.SmallOptions));
        byte[] b = ModelFile.ToBytes(ModelTrainer.Train(ToyData.TwoHeads(), ToyData.SmallOptions with { MaxDegreeOfParallelism = 1 }));
        Assert.That(a, Is.EqualTo(b));
    }
}
