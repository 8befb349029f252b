using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;

namespace FramingClassifier.Benchmarks;

/// <summary>
/// Predict time of this build's embedded default model against another build's, both loaded in one
/// process and timed in alternating rounds (A B B A), so a shared machine's changing load falls on both
/// alike: on the three sentences of <see cref="ScoringBenchmarks"/>, each scored over and over (the model's
/// rows it reads stay in cache), and on every sentence of data/corpus in turn (they mostly do not).
/// Reports each side's median time per sentence and the median of the per-round ratios with its
/// interquartile range. Usage: <c>compare-runtime &lt;other FramingClassifier.dll&gt; [rounds] [other model] [this model]</c>;
/// a model given as "-" or left out is that build's embedded default.
/// </summary>
internal static class RuntimeComparison
{
    private delegate void PredictInto(ReadOnlySpan<char> text, Span<float> probabilities);

    private sealed record Side(PredictInto Predict, float[] Buffer);

    public static int Run(string[] args)
    {
        string otherAssembly = args[0];
        int rounds = args.Length > 1 ? int.Parse(args[1]) : 21;
        string? otherModel = args.Length > 2 && args[2] != "-" ? args[2] : null, model = args.Length > 3 && args[3] != "-" ? args[3] : null;
        Side current = Bind(typeof(FramingModel).Assembly, model);
        var context = new AssemblyLoadContext("baseline", isCollectible: false);
        Side other = Bind(context.LoadFromAssemblyPath(Path.GetFullPath(otherAssembly)), otherModel);
        Console.WriteLine($"baseline: {otherAssembly} ({otherModel ?? "embedded model"}); this build: {model ?? "embedded model"}; {rounds} rounds of A B B A");
        Console.WriteLine("  text  baseline ns  this build ns  ratio (median of rounds)  interquartile");
        string[] corpus = CorpusTexts();
        var cases = ScoringBenchmarks.Sentences.Select(p => (Name: p.Key.ToString(), Texts: new[] { p.Value }))
            .Append(("corpus", corpus));
        foreach (var (name, texts) in cases)
        {
            int batch = Calibrate(current, other, texts);
            var ours = new List<double>();
            var theirs = new List<double>();
            var ratios = new List<double>();
            for (int r = 0; r < rounds; r++)
            {
                double b1 = Time(other, texts, batch), a1 = Time(current, texts, batch);
                double a2 = Time(current, texts, batch), b2 = Time(other, texts, batch);
                ours.Add((a1 + a2) / 2);
                theirs.Add((b1 + b2) / 2);
                ratios.Add((a1 + a2) / (b1 + b2));
            }
            Console.WriteLine($"{name,6}  {Quantile(theirs, 0.5),11:F0}  {Quantile(ours, 0.5),13:F0}  {Quantile(ratios, 0.5),24:F3}  {Quantile(ratios, 0.25):F3} to {Quantile(ratios, 0.75):F3}");
        }
        return 0;
    }

    private static Side Bind(Assembly assembly, string? path)
    {
        Type model = assembly.GetType("FramingClassifier.FramingModel", throwOnError: true)!;
        object instance = path is null ? model.GetProperty("Default")!.GetValue(null)! : model.GetMethod("Load", [typeof(string)])!.Invoke(null, [path])!;
        MethodInfo predict = model.GetMethod("Predict", [typeof(ReadOnlySpan<char>), typeof(Span<float>)])!;
        int labels = (int)model.GetProperty("LabelCount")!.GetValue(instance)!;
        return new Side(predict.CreateDelegate<PredictInto>(instance), new float[labels]);
    }

    private static string[] CorpusTexts() =>
        Directory.GetFiles(Path.Combine(TableReadBenchmarks.RepositoryRoot(), "data", "corpus"), "*.tsv").Order(StringComparer.Ordinal)
            .SelectMany(file => File.ReadLines(file).Skip(1)).Where(line => line.Length > 0).Select(line => line.Split('\t')[0]).ToArray();

    // Scores for a few seconds first, so both sides run the JIT's final code; then a batch long enough
    // (about 20 ms) that the timer's resolution does not matter.
    private static int Calibrate(Side side, Side other, string[] texts)
    {
        long start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(start).TotalSeconds < 3)
        {
            Time(side, texts, Math.Max(1, 1000 / texts.Length));
            Time(other, texts, Math.Max(1, 1000 / texts.Length));
            Thread.Sleep(1);
        }
        int batch = 1;
        while (Time(side, texts, batch) * batch * texts.Length < 20_000_000) batch *= 2;
        return batch;
    }

    // Nanoseconds per prediction, over every text <paramref name="repeats"/> times.
    private static double Time(Side side, string[] texts, int repeats)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < repeats; i++)
            foreach (string text in texts) side.Predict(text, side.Buffer);
        return Stopwatch.GetElapsedTime(start).TotalNanoseconds / ((double)repeats * texts.Length);
    }

    private static double Quantile(List<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        double position = q * (sorted.Length - 1);
        int low = (int)position;
        return low + 1 < sorted.Length ? sorted[low] + (position - low) * (sorted[low + 1] - sorted[low]) : sorted[low];
    }
}
