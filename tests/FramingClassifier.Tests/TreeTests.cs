using FramingClassifier.Training;
using NUnit.Framework;

namespace FramingClassifier.Tests;

public sealed class TreeTests
{
    private static readonly ParallelOptions AllCores = new() { MaxDegreeOfParallelism = -1 };

    /// <summary>12 rows, two classes, one dense feature: values 1,2 are class a and 3,4 class b (three rows each).</summary>
    private static (TreeInputs Inputs, int[] Labels) DenseToy()
    {
        float[] x = [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4];
        return (new TreeInputs(0, new int[13], [], [], 1, x), [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
    }

    private static readonly GradientBoostingOptions HandOptions = new() { Iterations = 2, Leaves = 3, MinExamplesPerLeaf = 3, LearningRate = 1, LeafL2 = 0 };

    [Test]
    public void HandComputedExampleGivesTheExpectedSplitsAndLeafValues()
    {
        var (inputs, labels) = DenseToy();
        BoostedTrees result = GradientBoostingTrainer.Train(inputs, labels, Ones(12), 2, HandOptions, 1, AllCores);
        // Equal priors: base scores 0, p = 1/2, so class a's gradients are -1/2 (a rows) and +1/2 (b rows), hessians 1/4.
        // Best split: x <= 2.5 (gain 3²/1.5 + 3²/1.5 - 0 = 12); leaf = -(K-1)/K · G/H = -1/2 · (-3/1.5) = 1.
        Assert.That(result.BaseScores, Is.EqualTo(new[] { 0f, 0f }));
        Assert.That(result.Trees, Has.Count.EqualTo(4));
        RegressionTree a0 = result.Trees[0], b0 = result.Trees[1], a1 = result.Trees[2];
        Assert.That((a0.Nodes, a0.Feature[0]), Is.EqualTo((1, 0)), "a pure child cannot gain from a second split");
        TreeEnsemble ensemble = result.ToEnsemble(HeadScorer.Trees, [], 0);
        Assert.That(ensemble.Threshold[0], Is.EqualTo(2.5f));
        Assert.That(a0.LeafValues, Is.EqualTo(new[] { 1.0, -1.0 }).Within(1e-12));
        Assert.That(b0.LeafValues, Is.EqualTo(new[] { -1.0, 1.0 }).Within(1e-12));
        // Second iteration: scores ±1 give p_a = σ(2) on the left; g/h = -1/p there, so the leaf is 1/2 / σ(2).
        double sigma2 = 1 / (1 + Math.Exp(-2));
        Assert.That(a1.LeafValues, Is.EqualTo(new[] { 0.5 / sigma2, -0.5 / sigma2 }).Within(1e-9));
    }

    [Test]
    public void LeafL2ShrinksTheNewtonStep()
    {
        var (inputs, labels) = DenseToy();
        BoostedTrees result = GradientBoostingTrainer.Train(inputs, labels, Ones(12), 2, HandOptions with { Iterations = 1, LeafL2 = 1 }, 1, AllCores);
        // -1/2 · G/(H+λ) = -1/2 · (-3)/(1.5+1) = 0.6
        Assert.That(result.Trees[0].LeafValues, Is.EqualTo(new[] { 0.6, -0.6 }).Within(1e-12));
    }

    [Test]
    public void ASparseFeatureSplitsZerosFromNonZerosWithoutVisitingTheZeros()
    {
        // One n-gram with value 0.8, present in the six class-a rows only; bin 0 (absent) is derived.
        var rowStart = Enumerable.Range(0, 13).Select(i => Math.Min(i, 6)).ToArray();
        var inputs = new TreeInputs(1, rowStart, [0, 0, 0, 0, 0, 0], [0.8f, 0.8f, 0.8f, 0.8f, 0.8f, 0.8f], 0, []);
        BoostedTrees result = GradientBoostingTrainer.Train(inputs, DenseToy().Labels, Ones(12), 2, HandOptions with { Iterations = 1 }, 1, AllCores);
        TreeEnsemble ensemble = result.ToEnsemble(HeadScorer.Trees, [0], 1);
        Assert.That(ensemble.Threshold[0], Is.EqualTo(0.4f), "halfway between absent (0) and the smallest value");
        Assert.That(result.Trees[0].LeafValues, Is.EqualTo(new[] { -1.0, 1.0 }).Within(1e-12), "absent rows (class b) go left");
    }

    [Test]
    public void MinimumExamplesPerLeafForbidsSmallLeaves()
    {
        var (inputs, labels) = DenseToy();
        BoostedTrees result = GradientBoostingTrainer.Train(inputs, labels, Ones(12), 2, HandOptions with { MinExamplesPerLeaf = 7 }, 1, AllCores);
        Assert.That(result.Trees[0].Nodes, Is.Zero);
    }

    [Test]
    public void TreesLearnAnXorThatALinearModelCannot()
    {
        LabeledDataset train = XorData(800, seed: 1), test = XorData(400, seed: 2);
        var options = ToyData.SmallOptions;
        double Accuracy(HeadScorer trainer) =>
            Evaluator.Evaluate(ModelTrainer.Train(train, options with { Trainer = trainer }), test)["y"].Accuracy;
        double linear = Accuracy(HeadScorer.Linear), trees = Accuracy(HeadScorer.Trees);
        // The best linear rule misses the (omega, delta) cell: 12% of rows.
        Assert.That(linear, Is.LessThan(0.92));
        Assert.That(trees, Is.GreaterThan(0.97));
    }

    /// <summary>label = (alpha, not omega) XOR (gamma, not delta), markers amid random filler words.</summary>
    private static LabeledDataset XorData(int rows, int seed)
    {
        var random = new Random(seed);
        var texts = new List<string>();
        var labels = new List<string?>();
        string Filler() => "w" + random.Next(60);
        for (int i = 0; i < rows; i++)
        {
            bool a = random.NextDouble() < 0.7, b = random.NextDouble() < 0.6;
            texts.Add($"{Filler()} {(a ? "alpha" : "omega")} {Filler()} {Filler()} {(b ? "gamma" : "delta")} {Filler()}");
            labels.Add(a ^ b ? "yes" : "no");
        }
        return LabeledDataset.Create(texts, new() { ["y"] = labels });
    }

    [Test]
    public void SaveAndLoadGiveIdenticalPredictionsAndBytes()
    {
        FramingModel model = MixedModel.Value;
        byte[] bytes = ModelFile.ToBytes(model);
        Assert.That(BitConverter.ToInt32(bytes, 4), Is.EqualTo(2), "a model with trees is format version 2");
        FramingModel loaded = ModelFile.FromBytes(bytes);
        Assert.That(loaded.Heads.Select(h => h.Scorer), Is.EqualTo(new[] { HeadScorer.Trees, HeadScorer.Stacked }));
        foreach (string text in ToyData.TwoHeads().Texts.Take(40).Append("").Append("unseen words entirely"))
        {
            float[] expected = model.Predict(text).Heads.SelectMany(h => h.Probabilities.ToArray()).ToArray();
            Assert.That(loaded.Predict(text).Heads.SelectMany(h => h.Probabilities.ToArray()), Is.EqualTo(expected));
        }
        Assert.That(ModelFile.ToBytes(loaded), Is.EqualTo(bytes));
    }

    [Test]
    public void TreeAndStackedHeadsLearnTheToyProblem()
    {
        EvaluationReport report = Evaluator.Evaluate(MixedModel.Value, ToyData.TwoHeads());
        Assert.That(report["topic"].Accuracy, Is.EqualTo(1.0));
        Assert.That(report["voice"].Accuracy, Is.EqualTo(1.0));
    }

    [Test]
    public void TrainingIsByteIdenticalForASeedOnOneOrAllCores()
    {
        var options = MixedOptions with { Trees = MixedOptions.Trees with { Subsample = 0.7, FeatureFraction = 0.5, ValidationFraction = 0.2 } };
        byte[] a = ModelFile.ToBytes(ModelTrainer.Train(ToyData.TwoHeads(), options));
        byte[] b = ModelFile.ToBytes(ModelTrainer.Train(ToyData.TwoHeads(), options with { MaxDegreeOfParallelism = 1 }));
        Assert.That(a, Is.EqualTo(b));
        byte[] c = ModelFile.ToBytes(ModelTrainer.Train(ToyData.TwoHeads(), options with { Seed = 2 }));
        Assert.That(c, Is.Not.EqualTo(a), "the seed drives row and feature sampling");
    }

    [Test]
    public void TreeScoringAllocatesNothingOnceWarm()
    {
        FramingModel model = MixedModel.Value;
        Assert.That(Allocations.OfWarmPredictions(model), Is.Zero);
    }

    [Test]
    public void ALinearModelIsStillWrittenAsVersionOne()
    {
        byte[] bytes = ModelFile.ToBytes(ToyData.Model.Value);
        Assert.That(BitConverter.ToInt32(bytes, 4), Is.EqualTo(1));
        Assert.That(ModelFile.FromBytes(bytes).Heads.All(h => h.Scorer == HeadScorer.Linear), Is.True);
    }

    [Test]
    public void ACorruptedTreeIsRejectedEvenWithAValidChecksum()
    {
        // Node 0's left child points back at node 0: scoring would loop forever.
        var e = Assert.Throws<ModelFormatException>(() => new TreeEnsemble(HeadScorer.Trees, 2, 1, [0], [0, 0], [0], [0], [0.5f], [0], [~0], [1, 2]));
        Assert.That(e!.Message, Does.Contain("Invalid tree section"));
        var f = Assert.Throws<ModelFormatException>(() => new TreeEnsemble(HeadScorer.Trees, 2, 1, [0], [0, 0], [0], [99], [0.5f], [~0], [~1], [1, 2]));
        Assert.That(f!.Message, Does.Contain("feature 99"));
    }

    [Test]
    public void ATruncatedOrCorruptedTreeModelIsRejected()
    {
        byte[] bytes = ModelFile.ToBytes(MixedModel.Value);
        foreach (int length in new[] { bytes.Length / 2, bytes.Length - 20, bytes.Length - 1 })
            Assert.Throws<ModelFormatException>(() => ModelFile.FromBytes(bytes.AsSpan(0, length), "cut.fcm"));
        byte[] flipped = (byte[])bytes.Clone();
        flipped[^40] ^= 0x10;
        Assert.That(Assert.Throws<ModelFormatException>(() => ModelFile.FromBytes(flipped))!.Message, Does.Contain("checksum"));
    }

    [Test]
    public void ATreeSectionInAVersionOneFileIsRejected()
    {
        byte[] bytes = ModelFile.ToBytes(MixedModel.Value);
        bytes[4] = 1;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), Crc32.Compute(bytes.AsSpan(0, bytes.Length - 4)));
        Assert.That(Assert.Throws<ModelFormatException>(() => ModelFile.FromBytes(bytes))!.Message, Does.Contain("unknown section"));
    }

    [Test]
    public void ExplainRefusesATreeHead()
    {
        var e = Assert.Throws<InvalidOperationException>(() => MixedModel.Value.Explain("gunmen held the port", "topic"));
        Assert.That(e!.Message, Does.Contain("trees"));
    }

    [Test]
    public void ATrainerForAnUnknownHeadIsAnError()
    {
        var options = ToyData.SmallOptions with { HeadTrainers = new Dictionary<string, HeadScorer> { ["stance"] = HeadScorer.Trees } };
        var e = Assert.Throws<ArgumentException>(() => ModelTrainer.Train(ToyData.TwoHeads(), options));
        Assert.That(e!.Message, Does.Contain("'stance'"));
    }

    private static readonly TrainingOptions MixedOptions = ToyData.SmallOptions with
    {
        Trainer = HeadScorer.Trees,
        HeadTrainers = new Dictionary<string, HeadScorer> { ["voice"] = HeadScorer.Stacked },
        Trees = new GradientBoostingOptions { Iterations = 20, MinExamplesPerLeaf = 5 },
    };

    internal static readonly Lazy<FramingModel> MixedModel = new(() => ModelTrainer.Train(ToyData.TwoHeads(), MixedOptions));

    private static double[] Ones(int n) => Enumerable.Repeat(1.0, n).ToArray();
}
