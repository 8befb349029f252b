using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;

namespace FramingClassifier.Benchmarks;

/// <summary>
/// Predict time of this build's embedded default model against another build's, both loaded in one
/// process and timed in alternating rounds (A B B A), so a shared machine's changing load falls on both
/// alike. Reports each side's median time per sentence and the median of the per-round ratios with its
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
        Console.WriteLine("words  baseline ns  this build ns  ratio (median of rounds)  interquartile");
        foreach (var (words, text) in ScoringBenchmarks.Sentences)
        {
            int batch = Calibrate(current, other, text);
            var ours = new List<double>();
            var theirs = new List<double>();
            var ratios = new List<double>();
            for (int r = 0; r < rounds; r++)
            {
                double b1 = Time(other, text, batch), a1 = Time(current, text, batch);
                double a2 = Time(current, text, batch), b2 = Time(other, text, batch);
                ours.Add((a1 + a2) / 2);
                theirs.Add((b1 + b2) / 2);
                ratios.Add((a1 + a2) / (b1 + b2));
            }
            Console.WriteLine($"{words,5}  {Quantile(theirs, 0.5),11:F0}  {Quantile(ours, 0.5),13:F0}  {Quantile(ratios, 0.5),24:F3}  {Quantile(ratios, 0.25):F3} to {Quantile(ratios, 0.75):F3}");
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

    // Scores for a few seconds first, so both sides run the JIT's final code; then a batch long enough
    // (about 20 ms) that the timer's resolution does not matter.
    private static int Calibrate(Side side, Side other, string text)
    {
        long start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(start).TotalSeconds < 3)
        {
            Time(side, text, 1000);
            Time(other, text, 1000);
            Thread.Sleep(1);
        }
        int batch = 16;
        while (Time(side, text, batch) * batch < 20_000_000) batch *= 2;
        return batch;
    }

    private static double Time(Side side, string text, int batch)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < batch; i++) side.Predict(text, side.Buffer);
        return Stopwatch.GetElapsedTime(start).TotalNanoseconds / batch;
    }

    private static double Quantile(List<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        double position = q * (sorted.Length - 1);
        int low = (int)position;
        return low + 1 < sorted.Length ? sorted[low] + (position - low) * (sorted[low + 1] - sorted[low]) : sorted[low];
    }
}
