using FramingClassifier.Training;
using NUnit.Framework;

namespace FramingClassifier.Tests;

/// <summary>SAG and L-BFGS minimize the same objective: SAG must reach L-BFGS's optimum, with and without a center and class weights.</summary>
[TestFixture]
public sealed class SolverTests
{
    private static readonly Lazy<(FeatureMatrix X, int[] Rows, int[] Labels)> Stance = new(() =>
    {
        LabeledDataset data = LabeledDataset.Load([RepositoryPaths.Of("data/corpus/middle-east.tsv")], new DatasetOptions { LabelColumns = ["stance"] });
        FeatureMatrix x = FeatureMatrix.Build(data.Texts, FeaturizerOptions.Default, new ParallelOptions());
        string[] labels = data.LabelSet(0);
        int[] y = data.Labels[0].Select(l => Array.BinarySearch(labels, l, StringComparer.Ordinal)).ToArray();
        return (x, Enumerable.Range(0, data.Count).ToArray(), y);
    });

    [TestCase(1e-3, false, false)]
    [TestCase(1e-4, true, false)]
    [TestCase(1e-3, false, true)]
    public void SagReachesTheObjectiveLbfgsReaches(double l2, bool balanced, bool centered)
    {
        var (x, rows, y) = Stance.Value;
        const int classes = 3;
        double[] weights = ModelTrainer.RowWeights(y, classes, balanced ? ClassWeighting.Balanced : ClassWeighting.None);
        double[]? center = centered ? Center(x.FeatureCount * classes + classes) : null;
        var objective = new SoftmaxObjective(x, rows, y, classes, weights, l2, new ParallelOptions(), center);
        var (lbfgs, _) = Lbfgs.Minimize(objective.Evaluate, objective.Dimension, 0, objective.BiasStart, 1000, 1e-10, center);
        var (sag, epochs) = SagSolver.Minimize(x, rows, y, classes, weights, l2, 1000, 1e-6, seed: 1, center);
        var gradient = new double[objective.Dimension];
        double best = objective.Evaluate(lbfgs, gradient), reached = objective.Evaluate(Array.ConvertAll(sag, v => (double)v), gradient);
        Assert.That(reached, Is.EqualTo(best).Within(1e-5 * best), $"SAG {reached} after {epochs} epochs vs L-BFGS {best}");
        Assert.That(epochs, Is.LessThan(1000), "SAG stopped by its tolerance, not by the epoch limit");
    }

    [Test]
    public void SagIsDeterministicForASeedAndDependsOnIt()
    {
        var (x, rows, y) = Stance.Value;
        double[] ones = Enumerable.Repeat(1.0, y.Length).ToArray();
        var (a, _) = SagSolver.Minimize(x, rows, y, 3, ones, 1e-3, 3, 0, seed: 1);
        var (b, _) = SagSolver.Minimize(x, rows, y, 3, ones, 1e-3, 3, 0, seed: 1);
        var (c, _) = SagSolver.Minimize(x, rows, y, 3, ones, 1e-3, 3, 0, seed: 2);
        Assert.That(b, Is.EqualTo(a));
        Assert.That(c, Is.Not.EqualTo(a));
    }

    [Test]
    public void SumsInRegistersGiveTheGeneralLoopsBits()
    {
        var (x, rows, y) = Stance.Value;
        double[] weights = ModelTrainer.RowWeights(y, 3, ClassWeighting.Balanced);
        var (registers, epochs) = SagSolver.Minimize(x, rows, y, 3, weights, 1e-4, 50, 1e-6, seed: 1);
        var (general, generalEpochs) = SagSolver.Minimize(x, rows, y, 3, weights, 1e-4, 50, 1e-6, seed: 1, sumInRegisters: false);
        Assert.That(generalEpochs, Is.EqualTo(epochs));
        Assert.That(general, Is.EqualTo(registers), "bit for bit");
    }

    [TestCase(false, false, long.MaxValue)]
    [TestCase(true, true, long.MaxValue)]
    [TestCase(true, true, 5000L)]
    public void SagGivesTheSameBitsOnAnyNumberOfThreads(bool balanced, bool centered, long giveUpFromStep)
    {
        var (x, rows, _) = Stance.Value;
        int classes = 2 * System.Numerics.Vector<float>.Count + 3;
        Assert.That(SagSolver.Parts(classes, 2), Has.Length.EqualTo(2), "the classes are split between two threads");
        Assert.That(SagSolver.Parts(classes, 8), Has.Length.EqualTo(3), "no more parts than SIMD vectors of classes");
        int[] y = rows.Select(r => r * 7 % classes).ToArray();
        double[] weights = ModelTrainer.RowWeights(y, classes, balanced ? ClassWeighting.Balanced : ClassWeighting.None);
        double[]? center = centered ? Center(x.FeatureCount * classes + classes) : null;
        var (one, epochs) = SagSolver.Minimize(x, rows, y, classes, weights, 1e-4, 6, 0, seed: 1, center, threads: 1);
        LogitExchange.GiveUpFromStep = giveUpFromStep;
        try
        {
            foreach (int threads in new[] { 2, 3 })
            {
                var (split, splitEpochs) = SagSolver.Minimize(x, rows, y, classes, weights, 1e-4, 6, 0, seed: 1, center, threads);
                Assert.That(splitEpochs, Is.EqualTo(epochs));
                Assert.That(split, Is.EqualTo(one), $"bit for bit on {threads} threads (parts merged from step {giveUpFromStep})");
            }
        }
        finally { LogitExchange.GiveUpFromStep = long.MaxValue; }
    }

    [Test]
    public void ClassWeightedDrawsFollowTheMixtureAndTakeItsStep()
    {
        double[] weights = [0.5, 0.5, 2, 1];
        var sampler = new RowSampler(weights, seed: 3);
        Assert.That(sampler.Curvature, Is.EqualTo(2 / (0.5 + 0.5 * 2)).Within(1e-12), "the largest c_i/(n q_i), c̄ = 1");
        var draws = new int[200_000];
        sampler.Draw(draws);
        double[] expected = weights.Select(w => 0.5 / weights.Length + 0.5 * w / weights.Sum()).ToArray();
        for (int i = 0; i < weights.Length; i++)
            Assert.That(draws.Count(d => d == i) / (double)draws.Length, Is.EqualTo(expected[i]).Within(0.005), $"row {i}");
        Assert.That(new RowSampler([3, 3, 3], seed: 1).Curvature, Is.EqualTo(3), "equal weights: uniform draws, step 1/c");
    }

    [Test]
    public void AFailedPartReleasesTheOthersWait()
    {
        var exchange = new LogitExchange(parts: 2, classes: 4);
        var waiting = Task.Run(() => exchange.Exchange(part: 0, step: 0));
        // Part 0 publishes its step before it waits, and part 1 never does: once published, part 0 is waiting.
        Assert.That(SpinWait.SpinUntil(() => exchange.Published(part: 0) == 1, TimeSpan.FromSeconds(10)), Is.True, "part 0 reached step 0");
        Assert.That(waiting.IsCompleted, Is.False, "part 0 waits for part 1's logits");
        exchange.Fail();
        Assert.That(() => waiting.Wait(TimeSpan.FromSeconds(10)), Throws.InstanceOf<AggregateException>().With.InnerException.InstanceOf<OperationCanceledException>());
    }

    private static double[] Center(int dimension)
    {
        var random = new Random(7);
        return Enumerable.Range(0, dimension).Select(_ => random.NextDouble() - 0.5).ToArray();
    }
}
