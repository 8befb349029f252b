using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using FramingClassifier.Training;
using NUnit.Framework;

namespace FramingClassifier.Tests;

/// <summary>Runs the `framing` entry point in-process; not parallel because it redirects the console.</summary>
[NonParallelizable]
public sealed class CliTests : TempDirectoryFixture
{
    private static (int Code, string Out, string Err) Run(params string[] args) => CliHarness.Run(args);

    private string Corpus()
    {
        var lines = new List<string> { "text\ttopic\tconflict" };
        var data = ToyData.TwoHeads();
        for (int i = 0; i < data.Count; i++) lines.Add($"{data.Texts[i]}\t{data.Labels[0][i]}\t{(i % 4 == 0 ? "north" : "south")}");
        string path = Path.Combine(Dir, "train.tsv");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Test]
    public void TrainEvaluatePredictExplainInfo()
    {
        string model = Path.Combine(Dir, "m.fcm");
        string json = Path.Combine(Dir, "eval.json");
        var train = Run("train", "--data", Corpus(), "--label-columns", "topic", "--out", model, "--buckets", "16384",
            "--holdout-column", "conflict", "--holdout-values", "north", "--json", json);
        Assert.That(train.Code, Is.Zero, train.Err);
        Assert.That(train.Out, Does.Contain("== topic: accuracy"));
        Assert.That(File.Exists(json), Is.True);

        string corpus = Corpus();
        var evaluate = Run("evaluate", "--model", model, "--data", corpus);
        Assert.That(evaluate.Code, Is.Zero, evaluate.Err);
        // The command prints the report of this model on every row of the file, not just any report.
        EvaluationReport expected = Evaluator.Evaluate(FramingModel.Load(model), LabeledDataset.Load([corpus], new DatasetOptions { LabelColumns = ["topic"] }));
        Assert.That(evaluate.Out, Does.Contain(expected.ToTable()));
        Assert.That(evaluate.Out, Does.Contain($"rows {ToyData.TwoHeads().Count}"));

        string input = Path.Combine(Dir, "in.txt");
        File.WriteAllLines(input, ["Officials confirmed gunmen held the port during the football match.", "“Gunmen left a village at dawn,” a witness said."]);
        string output = Path.Combine(Dir, "out.jsonl");
        var predict = Run("predict", "--model", model, "--input", input, "--output", output);
        Assert.That(predict.Code, Is.Zero, predict.Err);
        string[] rows = File.ReadAllLines(output);
        Assert.That(rows, Has.Length.EqualTo(2));
        using var first = JsonDocument.Parse(rows[0]);
        Assert.That(first.RootElement.GetProperty("text").GetString(), Does.StartWith("Officials confirmed"));
        Assert.That(first.RootElement.GetProperty("topic").GetProperty("label").GetString(), Is.EqualTo("sport"));
        Assert.That(first.RootElement.GetProperty("topic").GetProperty("p").EnumerateObject().Count(), Is.EqualTo(2));

        var explain = Run("explain", "--model", model, "Gunmen held the port during the football match.");
        Assert.That(explain.Out, Does.StartWith("topic: sport"));
        var info = Run("info", model);
        Assert.That(info.Out, Does.Contain("head:         topic (sport, war)"));
        Assert.That(info.Out, Does.Contain("training-rows: ").And.Contain("max-iterations: "), "a key longer than the column keeps a space before its value");
    }

    [Test]
    public void TrainHelpStatesTheDefaultsOfTheOptionsTypes()
    {
        var help = Run("train", "--help");
        Assert.That(help.Code, Is.Zero, help.Err);
        var training = new TrainingOptions();
        var dataset = new DatasetOptions();
        var trees = new GradientBoostingOptions();
        FeaturizerOptions featurizer = FeaturizerOptions.Default;
        var expected = new (string Option, object Value)[]
        {
            ("--format", dataset.Format), ("--text-column", dataset.TextColumn), ("--label-columns", string.Join(",", dataset.LabelColumns)),
            ("--seed", training.Seed), ("--threads", training.MaxDegreeOfParallelism), ("--l1", training.L1), ("--solver", training.Solver),
            ("--max-iterations", training.MaxIterations), ("--tolerance", training.Tolerance), ("--trainer", training.Trainer),
            ("--buckets", featurizer.Buckets), ("--word-ngrams", featurizer.WordNgrams), ("--char-min", featurizer.CharNgramMin), ("--char-max", featurizer.CharNgramMax),
            ("--boosting-iterations", trees.Iterations), ("--leaves", trees.Leaves), ("--min-leaf", trees.MinExamplesPerLeaf), ("--learning-rate", trees.LearningRate),
            ("--leaf-l2", trees.LeafL2), ("--max-bins", trees.MaxBins), ("--subsample", trees.Subsample), ("--feature-fraction", trees.FeatureFraction),
            ("--validation-fraction", trees.ValidationFraction), ("--early-stopping", trees.EarlyStoppingRounds), ("--tree-features", trees.MaxFeatures),
            ("--tree-min-df", trees.MinDocumentFrequency), ("--stacking-folds", trees.StackingFolds),
        };
        foreach (var (option, value) in expected)
        {
            // The option's help runs from its name (and its aliases) to the next option; its default is the first [default: ...] in it.
            Match m = Regex.Match(help.Out, @"^\s*" + Regex.Escape(option) + @"[\s,](?:(?!\n\s*-).)*?\[default: ([^\]]*)\]", RegexOptions.Multiline | RegexOptions.Singleline);
            Assert.That(m.Success, Is.True, $"{option} states a default:\n{help.Out}");
            string shown = m.Groups[1].Value;
            if (value is double d) Assert.That(double.Parse(shown, CultureInfo.InvariantCulture), Is.EqualTo(d), option);
            else Assert.That(shown, Is.EqualTo(Convert.ToString(value, CultureInfo.InvariantCulture)).IgnoreCase, option);
        }
        string OnOff(bool on) => on ? "on" : "off";
        Assert.That(help.Out, Does.Contain(string.Create(CultureInfo.InvariantCulture, $"{training.L2:R} with --base-model")));
        Assert.That(help.Out, Does.Contain($"{training.ClassWeights.ToString().ToLowerInvariant()} with --base-model"));
        Assert.That(help.Out, Does.Contain($"(default: IDF {OnOff(featurizer.UseIdf)})"));
        Assert.That(help.Out, Does.Contain($"reporting-cue features (default: {OnOff(featurizer.VoiceFeatures)})"));
        Assert.That(help.Out, Does.Contain($"the words beside it (default: {OnOff(featurizer.MentionFeatures)})"));
        Assert.That(help.Out, Does.Contain($"after NFKC (default: {(featurizer.RemoveDiacritics ? "strip" : "keep")})"));
    }

    [Test]
    public void TrainContinuesFromABaseModelWithItsFeaturizer()
    {
        string baseModel = Path.Combine(Dir, "base.fcm"), continued = Path.Combine(Dir, "continued.fcm");
        Assert.That(Run("train", "--data", Corpus(), "--label-columns", "topic", "--out", baseModel, "--buckets", "16384").Code, Is.Zero);
        string user = Path.Combine(Dir, "user.csv");
        File.WriteAllLines(user, ["sentence,topic", "Fans cheered the striker at the stadium.,sport", "Shelling hit the suburbs overnight.,war"]);
        var r = Run("train", "--data", user, "--text-column", "sentence", "--label-columns", "topic", "--base-model", baseModel, "--out", continued);
        Assert.That(r.Code, Is.Zero, r.Err);
        var info = Run("info", continued);
        Assert.That(info.Out, Does.Contain("Buckets = 16384"));
        Assert.That(info.Out, Does.Contain("base-model:   continued from a model of topic"));
    }

    [Test]
    public void SkipBadTextTrainsOnTheOtherRowsAndListsTheBadOnes()
    {
        string data = Corpus();
        File.AppendAllText(data, "Shelling hit the \uFFFD suburbs.\twar\tnorth\n");
        int bad = File.ReadAllLines(data).Length;
        string model = Path.Combine(Dir, "m.fcm");
        var refused = Run("train", "--data", data, "--label-columns", "topic", "--out", model, "--l2", "1e-4", "--class-weights", "none");
        Assert.That((refused.Code, File.Exists(model)), Is.EqualTo((1, false)));
        Assert.That(refused.Err, Does.Contain($"train.tsv:{bad}:18: invalid UTF-8"));
        var skipped = Run("train", "--data", data, "--label-columns", "topic", "--out", model, "--l2", "1e-4", "--class-weights", "none", "--skip-bad-text");
        Assert.That(skipped.Code, Is.Zero, skipped.Err);
        Assert.That(skipped.Err, Does.Contain("skipped 1 rows with bad text:").And.Contain($"train.tsv:{bad}:18: invalid UTF-8"));
        Assert.That(skipped.Err, Does.Contain($"read {bad - 2} rows"));
        var evaluate = Run("evaluate", "--model", model, "--data", data, "--skip-bad-text");
        Assert.That(evaluate.Code, Is.Zero, evaluate.Err);
        Assert.That(evaluate.Err, Does.Contain("skipped 1 rows with bad text:"));
    }

    [Test]
    public void BadDataLeavesTheExistingModelUntouched()
    {
        string model = Path.Combine(Dir, "m.fcm");
        File.WriteAllText(model, "earlier model");
        string bad = Path.Combine(Dir, "bad.tsv");
        File.WriteAllText(bad, "text\ttopic\nok\tsport\nbroken row\n");
        var r = Run("train", "--data", bad, "--label-columns", "topic", "--out", model);
        Assert.That(r.Code, Is.EqualTo(1));
        Assert.That(r.Err, Does.Contain("bad.tsv:3:11: expected 2 fields"));
        Assert.That(File.ReadAllText(model), Is.EqualTo("earlier model"));
    }

    [Test]
    public void UnknownColumnAndMissingFileAreClearErrors()
    {
        var r1 = Run("train", "--data", Corpus(), "--label-columns", "stance", "--out", Path.Combine(Dir, "m.fcm"));
        Assert.That((r1.Code, r1.Err), Is.EqualTo((1, r1.Err)));
        Assert.That(r1.Err, Does.Contain("no column 'stance'").And.Contain("Columns: text, topic, conflict"));
        var r2 = Run("info", Path.Combine(Dir, "missing.fcm"));
        Assert.That((r2.Code, r2.Err), Is.EqualTo((1, r2.Err)));
        Assert.That(r2.Err, Does.StartWith("error: "));
    }

    [Test]
    public void TrainsATreeHeadAndRejectsAnUnknownTrainer()
    {
        string model = Path.Combine(Dir, "t.fcm");
        var r = Run("train", "--data", Corpus(), "--label-columns", "topic", "--out", model, "--buckets", "16384", "--trainer", "topic=stacked", "--trees", "10");
        Assert.That(r.Code, Is.Zero, r.Err);
        Assert.That(Run("info", model).Out, Does.Contain("topic (sport, war) [stacked]").And.Contain("format:       version 2")
            .And.Contain("10 iterations,"), "--trees, the first name of --boosting-iterations, still sets them");
        var bad = Run("train", "--data", Corpus(), "--label-columns", "topic", "--out", model, "--trainer", "forest");
        Assert.That((bad.Code, bad.Err.Contains("unknown trainer 'forest'")), Is.EqualTo((1, true)), bad.Err);
    }

    [Test]
    public void TrainWithFastTreeStoresTreesTheRuntimeScores()
    {
        string model = Path.Combine(Dir, "fasttree.fcm");
        var r = Run("train", "--data", Corpus(), "--label-columns", "topic", "--out", model, "--buckets", "16384", "--trainer", "fasttree", "--trees", "10", "--tree-min-df", "1");
        Assert.That(r.Code, Is.Zero, r.Err);
        Assert.That(Run("info", model).Out, Does.Contain("topic (sport, war) [trees]").And.Contain("trainer:      fasttree"));
        var tuned = Run("train", "--data", Corpus(), "--label-columns", "topic", "--out", model, "--trainer", "fasttree", "--tune");
        Assert.That((tuned.Code, tuned.Err.Contains("--trainer fasttree goes without --tune")), Is.EqualTo((1, true)), tuned.Err);
    }

    [Test]
    public void BenchPrintsOneJsonLineWithTheRowCount()
    {
        string model = Path.Combine(Dir, "m.fcm");
        Assert.That(Run("train", "--data", Corpus(), "--label-columns", "topic", "--out", model, "--buckets", "16384").Code, Is.Zero);
        string input = Write("in.tsv", "id\ttext\n1\tGunmen held the port.\n2\tFans cheered the striker.\n3\tShelling hit the suburbs overnight.\n");
        var r = Run("bench", "--model", model, "--input", input, "--seconds", "0");
        Assert.That(r.Code, Is.Zero, r.Err);
        string[] lines = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1));
        using var json = JsonDocument.Parse(lines[0]);
        JsonElement root = json.RootElement;
        Assert.That(root.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "rows", "passes", "median_rows_per_second", "threads" }));
        Assert.That((root.GetProperty("rows").GetInt32(), root.GetProperty("threads").GetInt32()), Is.EqualTo((3, 1)));
        Assert.That(root.GetProperty("passes").GetInt32(), Is.GreaterThanOrEqualTo(3));
        Assert.That(root.GetProperty("median_rows_per_second").GetDouble(), Is.GreaterThan(0));
    }

    [TestCase("train", "default: chosen from the training rows")]
    [TestCase("train", "[default: framing,voice,stance]")]
    [TestCase("train", "[default: 1048576]")]
    [TestCase("train", "--trainer")]
    [TestCase("train", "[default: linear]")]
    [TestCase("train", "[default: 0.2]")]
    [TestCase("train", "[default: 255]")]
    [TestCase("predict", "[default: -]")]
    [TestCase("explain", "[default: 10]")]
    [TestCase("predict", "[default: 10000]")]
    [TestCase("predict", "--split-sentences")]
    [TestCase("profile", "[default: doc]")]
    [TestCase("profile", "[default: Table]")]
    public void HelpStatesTheDefaults(string command, string expected)
    {
        var r = Run(command, "--help");
        Assert.That(r.Out, Does.Contain(expected));
    }

    [Test]
    public void ExplainHasALengthLimit()
    {
        var r = Run("explain", new string('a', 10_001));
        Assert.That((r.Code, r.Err), Is.EqualTo((1, r.Err)));
        Assert.That(r.Err, Does.Contain("10,001 characters, over --max-chars 10,000"));
    }

    [Test]
    public void TrainAndEvaluateRefusePlainTextWithAMessage()
    {
        string txt = Path.Combine(Dir, "x.txt");
        File.Copy(Corpus(), txt);
        var train = Run("train", "--data", txt, "--label-columns", "topic", "--out", Path.Combine(Dir, "m.fcm"));
        Assert.That((train.Code, train.Err), Is.EqualTo((1, train.Err)));
        Assert.That(train.Err, Does.StartWith("error: " + txt + ":").And.Contain("plain text"));
        var evaluate = Run("evaluate", "--data", Corpus(), "--format", "text", "--label-columns", "topic");
        Assert.That((evaluate.Code, evaluate.Err), Is.EqualTo((1, evaluate.Err)));
        Assert.That(evaluate.Err, Does.Contain("plain text"));
    }

    [Test]
    public void TrainChecksTheOutputFolderBeforeTraining()
    {
        string blocked = Path.Combine(Dir, "file");
        File.WriteAllText(blocked, "not a folder");
        foreach (string[] target in new string[][] { ["--out", Path.Combine(Dir, "missing", "m.fcm")], ["--out", Path.Combine(blocked, "m.fcm")],
                     ["--out", Path.Combine(Dir, "m.fcm"), "--json", Path.Combine(Dir, "missing", "e.json"), "--holdout-column", "conflict", "--holdout-values", "north"] })
        {
            var r = Run(["train", "--data", Corpus(), "--label-columns", "topic", "--buckets", "16384", .. target]);
            Assert.That((r.Code, r.Err), Is.EqualTo((1, r.Err)));
            Assert.That(r.Err, Does.Not.Contain("trained in").And.Not.Contain(".tmp").And.Contain("missing").Or.Contain("file"));
        }
    }

    [Test]
    public void ControlCharactersInMessagesAreEscaped()
    {
        string tsv = Write("esc.tsv", "te\u001b[31mxt\u0007\tstance\nok\tfavor\n");
        var r = Run("train", "--data", tsv, "--label-columns", "stance", "--out", Path.Combine(Dir, "m.fcm"));
        Assert.That(r.Code, Is.EqualTo(1));
        Assert.That(r.Err, Does.Contain("no column 'text'").And.Contain("te\\u001B[31mxt\\u0007"));
        Assert.That(r.Err.Trim('\n').Any(c => char.IsControl(c) && c != '\n'), Is.False, r.Err);
    }

    [Test]
    public void PackageMetadataPointsToNoPlaceholderRepository()
    {
        string props = File.ReadAllText(RepositoryPaths.Of("src/Directory.Build.props"));
        Assert.That(props, Does.Not.Contain("github.com/FramingClassifier/FramingClassifier"));
    }
}
