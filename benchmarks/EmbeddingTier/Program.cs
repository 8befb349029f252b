using System.Diagnostics;
using System.Globalization;
using EmbeddingTier;
using FramingClassifier;
using FramingClassifier.Embeddings;
using FramingClassifier.Training;

// The accurate tier on TweetEval (docs/embeddings.md, "The tier as built"): for each setting, the n-gram
// tier and the tier with MiniLM, settings chosen on val, test scored once.
// Usage: EmbeddingTier stance|emoji [datasets folder]
string task = args.Length > 0 ? args[0] : "stance";
string root = args.Length > 1 ? args[1] : "/work/shared/datasets";
var encoder = new CachedSentenceEncoder(MiniLmEncoder.Shared);
var clock = Stopwatch.StartNew();
void Log(string line) => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed.TotalSeconds,6:0} s] {line}"));

if (task == "stance") Stance();
else if (task == "emoji") Emoji();
else throw new ArgumentException($"unknown task '{task}': stance or emoji");
Log($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB");

void Stance()
{
    var train = TweetEval.Read(Path.Combine(root, "tweeteval-stance/train.tsv"));
    var val = TweetEval.Read(Path.Combine(root, "tweeteval-stance/val.tsv"));
    var test = TweetEval.Read(Path.Combine(root, "tweeteval-stance/test.tsv"));
    Embed(train.Concat(val).Concat(test).Select(r => r.Text).ToArray());
    double[] l2s = [1e-5, 1e-4, 1e-3];
    ClassWeighting[] weightings = [ClassWeighting.None, ClassWeighting.Balanced];
    float[] scales = [0.5f, 1f, 2f];
    var gold = new List<string>();
    var (ngram, tier) = (new List<string>(), new List<string>());
    foreach (string target in train.Select(r => r.Target).Distinct().Order(StringComparer.Ordinal))
    {
        LabeledDataset data = Dataset(train.Where(r => r.Target == target));
        var (valRows, testRows) = (val.Where(r => r.Target == target).ToArray(), test.Where(r => r.Target == target).ToArray());
        var ngramGrid = l2s.SelectMany(l2 => weightings.Select(w => new TrainingOptions { L2 = l2, ClassWeights = w })).ToArray();
        var tierGrid = ngramGrid.SelectMany(o => scales.Select(a => o with { Embeddings = encoder, EmbeddingScale = a })).ToArray();
        var (bestNgram, ngramModel) = Best(data, ngramGrid, valRows, TweetEval.Stance);
        var (bestTier, tierModel) = Best(data, tierGrid, valRows, TweetEval.Stance);
        string[] p0 = Labels(ngramModel, testRows), p1 = Labels(tierModel, testRows);
        string[] g = testRows.Select(r => r.Label).ToArray();
        Log($"{target}: n-gram {Describe(bestNgram)} test {TweetEval.Points(TweetEval.Stance(g, p0))}; tier {Describe(bestTier)} test {TweetEval.Points(TweetEval.Stance(g, p1))}");
        gold.AddRange(g);
        ngram.AddRange(p0);
        tier.AddRange(p1);
    }
    Console.WriteLine($"stance per target, pooled test ({gold.Count} rows): n-gram {TweetEval.Points(TweetEval.Stance(gold, ngram))}, with MiniLM {TweetEval.Points(TweetEval.Stance(gold, tier))}");
}

void Emoji()
{
    var train = TweetEval.Read(Path.Combine(root, "tweeteval-emoji/train.tsv"));
    var val = TweetEval.Read(Path.Combine(root, "tweeteval-emoji/val.tsv"));
    var test = TweetEval.Read(Path.Combine(root, "tweeteval-emoji/test.tsv"));
    // The n-gram setting of docs/benchmarks.md (chosen by --tune); for the tier, L2 around it and α are chosen on val.
    var ngramOptions = new TrainingOptions { L2 = 1e-5, ClassWeights = ClassWeighting.Balanced };
    LabeledDataset data = Dataset(train);
    string[] g = test.Select(r => r.Label).ToArray();
    string[] p0 = Labels(ModelTrainer.Train(data, ngramOptions), test);
    Log($"emoji n-gram test {TweetEval.Points(TweetEval.MacroF1(g, p0))}");
    Embed(train.Concat(val).Select(r => r.Text).ToArray());
    TrainingOptions[] grid = [.. new[] { 3e-6, 1e-5, 3e-5 }.SelectMany(l2 => new[] { 0.125f, 0.25f, 0.5f }.Select(a => ngramOptions with { L2 = l2, Embeddings = encoder, EmbeddingScale = a }))];
    var (best, model) = Best(data, grid, val, TweetEval.MacroF1);
    Embed(test.Select(r => r.Text).ToArray());
    string[] p1 = Labels(model, test);
    Console.WriteLine($"emoji macro-F1, test ({g.Length} rows): n-gram {TweetEval.Points(TweetEval.MacroF1(g, p0))}, with MiniLM {TweetEval.Points(TweetEval.MacroF1(g, p1))} ({Describe(best)})");
}

// Fills the cache on every core, so the fits and predictions after it never wait for the encoder.
void Embed(string[] texts)
{
    var watch = Stopwatch.StartNew();
    Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, texts.Length, 16), range =>
        encoder.Encode(texts.AsSpan(range.Item1, range.Item2 - range.Item1), new float[(range.Item2 - range.Item1) * encoder.Dimension]));
    Log(string.Create(CultureInfo.InvariantCulture, $"embedded {texts.Length} texts in {watch.Elapsed.TotalSeconds:0.0} s ({texts.Length / watch.Elapsed.TotalSeconds:0.0}/s)"));
}

// The setting of the grid that scores best on val (the first on a tie), with its model.
(TrainingOptions, FramingModel) Best(LabeledDataset data, TrainingOptions[] grid, TweetEval.Row[] valRows, Func<IReadOnlyList<string>, IReadOnlyList<string>, double> metric)
{
    string[] g = valRows.Select(r => r.Label).ToArray();
    FramingModel[] models = grid.Select(o => ModelTrainer.Train(data, o)).ToArray();
    double[] scores = models.Select(m => metric(g, Labels(m, valRows))).ToArray();
    for (int i = 0; i < grid.Length; i++) Log($"  val {TweetEval.Points(scores[i])}  {Describe(grid[i])}");
    int best = Array.IndexOf(scores, scores.Max());
    return (grid[best], models[best]);
}

static LabeledDataset Dataset(IEnumerable<TweetEval.Row> rows)
{
    var list = rows.ToArray();
    return LabeledDataset.Create(list.Select(r => r.Text).ToList(), new() { ["label"] = list.Select(r => (string?)r.Label).ToList() });
}

static string[] Labels(FramingModel model, TweetEval.Row[] rows) => model.PredictBatch(rows.Select(r => r.Text)).Select(p => p["label"].Label).ToArray();

static string Describe(TrainingOptions o) => string.Create(CultureInfo.InvariantCulture,
    $"l2={o.L2:R} class-weights={o.ClassWeights.ToString().ToLowerInvariant()}{(o.Embeddings is null ? "" : $" scale={o.EmbeddingScale:R}")}");
