using FramingClassifier.Training;
using NUnit.Framework;

namespace FramingClassifier.Tests;

/// <summary>The embedded default model is what the documented command produces from data/, and it is worth shipping.</summary>
[NonParallelizable]
public sealed class DefaultModelTests
{
    private static readonly string[] HeldOut = ["somalia", "syria", "kashmir", "colombia", "donbas"];

    [Test]
    public void EmbeddedModelIsWhatTheTrainingCommandProducesFromData()
    {
        string dir = Directory.CreateTempSubdirectory("fc-default-").FullName;
        try
        {
            string output = Path.Combine(dir, "default.fcm");
            string[] args = ResponseFileArguments(output, Path.Combine(dir, "eval.json"));
            var (code, _, err) = CliHarness.Run(args);
            Assert.That(code, Is.Zero, err);
            byte[] retrained = File.ReadAllBytes(output);
            Assert.That(retrained, Is.EqualTo(File.ReadAllBytes(RepositoryPaths.Of("models/default.fcm"))), "models/default.fcm is stale: run `framing @models/default.rsp`");
            Assert.That(retrained, Is.EqualTo(EmbeddedBytes()), "the build embeds models/default.fcm");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void TheDocumentedCommandsHeldOutModelBeatsTheKeywordBaselineOnEveryHead()
    {
        string dir = Directory.CreateTempSubdirectory("fc-heldout-").FullName;
        try
        {
            string output = Path.Combine(dir, "heldout.fcm");
            string[] args = ResponseFileArguments(output, Path.Combine(dir, "eval.json")).Where(a => a != "--refit-all").ToArray();
            var (code, _, err) = CliHarness.Run(args);
            Assert.That(code, Is.Zero, err);
            var data = LabeledDataset.Load([RepositoryPaths.Of("data/corpus")], new DatasetOptions { GroupColumn = "conflict" });
            LabeledDataset test = data.Subset(DataSplits.HoldOutGroups(data, HeldOut).Test);
            EvaluationReport scored = Evaluator.Evaluate(FramingModel.Load(output), test);
            EvaluationReport keywords = Evaluator.Evaluate(KeywordBaseline.Predict, test);
            foreach (string head in new[] { "framing", "voice", "stance" })
                Assert.That(scored[head].MacroF1, Is.GreaterThan(keywords[head].MacroF1), head);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Real news the model never saw in training: at or above the codebook's word list on every head.</summary>
    [TestCase("framing")]
    [TestCase("voice")]
    [TestCase("stance")]
    public void IsAtOrAboveTheKeywordBaselineOnRealNews(string head)
    {
        string path = RepositoryPaths.Of("../shared/datasets/realnews-dev/dev.tsv");
        if (!File.Exists(path)) Assert.Ignore("../shared/datasets/realnews-dev is not beside the repository");
        var test = LabeledDataset.Load([path], new DatasetOptions { LabelColumns = ["framing", "voice", "stance"] });
        double model = Evaluator.Evaluate(FramingModel.Default, test)[head].MacroF1;
        Assert.That(model, Is.GreaterThanOrEqualTo(Evaluator.Evaluate(KeywordBaseline.Predict, test)[head].MacroF1));
    }

    [TestCase("Militants from the group overran two army posts near the border before dawn.", "insurgent", "outlet", "neutral")]
    [TestCase("\"These terrorist gangs will be wiped out,\" the governor told state television.", "terrorist", "attributed", "against")]
    [TestCase("The rebels said they had opened a humanitarian corridor for families leaving the town.", "rebel", "outlet", "favor")]
    [TestCase("The ministry said the extremists had used the clinic as a weapons depot.", "jihadist", "attributed", "against")]
    [TestCase("The extremists, who seized the valley last year, used the clinic as a weapons depot.", "jihadist", "outlet", "against")]
    [TestCase("The port city has been under a naval blockade since March.", "none", "none", "neutral")]
    [TestCase("Residents cheered as opposition fighters rolled into the main square.", "rebel", "outlet", "favor")]
    [TestCase("Al-Shabaab claimed the attack in a statement posted online.", "none", "none", "neutral")]
    public void LabelsTheCodebooksWorkedExamples(string sentence, string framing, string voice, string stance)
    {
        Prediction p = FramingModel.Default.Predict(sentence);
        Assert.That((p["framing"].Label, p["voice"].Label, p["stance"].Label), Is.EqualTo((framing, voice, stance)));
    }

    private static string[] ResponseFileArguments(string output, string json)
    {
        var args = new List<string>();
        foreach (string line in File.ReadAllLines(RepositoryPaths.Of("models/default.rsp")))
        {
            string[] parts = line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
            args.Add(parts[0]);
            if (parts.Length < 2) continue;
            args.Add(parts[0] switch
            {
                "--data" => RepositoryPaths.Of(parts[1]),
                "--out" => output,
                "--json" => json,
                _ => parts[1],
            });
        }
        return args.ToArray();
    }

    private static byte[] EmbeddedBytes()
    {
        using Stream stream = typeof(FramingModel).Assembly.GetManifestResourceStream("FramingClassifier.default.fcm")!;
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
