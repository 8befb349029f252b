using NUnit.Framework;

namespace FramingClassifier.Tests;

/// <summary>
/// The splitter on pseudo-articles made of consecutive corpus sentences: how many of the true sentence
/// boundaries it finds (recall) and how many of its boundaries are true (precision). The corpus has
/// few abbreviations, so this checks ordinary boundaries and quotations; SentenceSplitterTests cover
/// abbreviations, initials and decimals.
/// </summary>
public sealed class SentenceSplitterCorpusTests
{
    private static string[] CorpusSentences()
    {
        string dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "FramingClassifier.sln"))) dir = Path.GetDirectoryName(dir)!;
        return Directory.GetFiles(Path.Combine(dir, "data", "corpus"), "*.tsv").Order(StringComparer.Ordinal)
            .SelectMany(f => File.ReadLines(f).Skip(1)).Select(l => l.Split('\t')[0])
            // Only sentences that end like sentences: a headline without a period has no boundary to find.
            .Where(s => s.TrimEnd('"', '”', '’', '\'', ')').EndsWith('.') || s.EndsWith('?') || s.EndsWith('!'))
            .ToArray();
    }

    [Test]
    public void FindsTheBoundariesBetweenCorpusSentences()
    {
        string[] sentences = CorpusSentences();
        int truePositives = 0, found = 0, expected = 0;
        var missed = new List<string>();
        var spurious = new List<string>();
        for (int start = 0; start + 5 <= sentences.Length; start += 5)
        {
            string[] parts = sentences[start..(start + 5)];
            string article = string.Join(" ", parts);
            var truth = new HashSet<int>();
            int offset = 0;
            foreach (string part in parts[..^1]) truth.Add(offset += part.Length + 1);
            List<SentenceSpan> spans = SentenceSplitter.Split(article);
            var boundaries = spans.Skip(1).Select(s => s.Start).ToHashSet();
            truePositives += boundaries.Count(truth.Contains);
            found += boundaries.Count;
            expected += truth.Count;
            missed.AddRange(truth.Where(b => !boundaries.Contains(b)).Select(b => article[Math.Max(0, b - 30)..Math.Min(article.Length, b + 20)]));
            spurious.AddRange(boundaries.Where(b => !truth.Contains(b)).Select(b => article[Math.Max(0, b - 30)..Math.Min(article.Length, b + 20)]));
        }
        double precision = (double)truePositives / found, recall = (double)truePositives / expected;
        TestContext.Progress.WriteLine($"corpus boundaries: {expected}, found {found}, precision {precision:0.0000}, recall {recall:0.0000}");
        foreach (string m in missed.Take(15)) TestContext.Progress.WriteLine("  missed: …" + m + "…");
        foreach (string m in spurious.Take(30)) TestContext.Progress.WriteLine("  split inside: …" + m + "…");
        Assert.That(precision, Is.GreaterThan(0.999));
        Assert.That(recall, Is.GreaterThan(0.999));
    }
}
