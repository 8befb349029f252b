using System.Globalization;

namespace EmbeddingTier;

/// <summary>TweetEval TSV files (header, tab-separated, no quoting) and the metrics of docs/benchmarks.md.</summary>
internal static class TweetEval
{
    public sealed record Row(string Text, string Label, string Target);

    public static Row[] Read(string path)
    {
        string[] header = File.ReadLines(path).First().Split('\t');
        int text = Array.IndexOf(header, "text"), label = Array.IndexOf(header, "label"), target = Array.IndexOf(header, "target");
        return File.ReadLines(path).Skip(1).Select(l => l.Split('\t'))
            .Select(f => new Row(f[text], f[label], target >= 0 ? f[target] : "")).ToArray();
    }

    public static double F1(IReadOnlyList<string> gold, IReadOnlyList<string> predicted, string label)
    {
        int tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < gold.Count; i++)
        {
            if (predicted[i] == label && gold[i] == label) tp++;
            else if (predicted[i] == label) fp++;
            else if (gold[i] == label) fn++;
        }
        return tp == 0 ? 0 : 2.0 * tp / (2 * tp + fp + fn);
    }

    /// <summary>TweetEval's stance metric: the mean F1 of against and favor, in points.</summary>
    public static double Stance(IReadOnlyList<string> gold, IReadOnlyList<string> predicted) =>
        100 * (F1(gold, predicted, "against") + F1(gold, predicted, "favor")) / 2;

    public static double MacroF1(IReadOnlyList<string> gold, IReadOnlyList<string> predicted) =>
        100 * gold.Distinct().Average(label => F1(gold, predicted, label));

    public static string Points(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);
}
