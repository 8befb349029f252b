using System.Text.RegularExpressions;
using FramingClassifier.Training;
using NUnit.Framework;

namespace FramingClassifier.Tests;

/// <summary>The default corpus follows the codebook and the datasheet's promises.</summary>
public sealed partial class CorpusTests
{
    private static readonly Lazy<LabeledDataset> Corpus = new(() => LabeledDataset.Load([RepositoryPaths.Of("data/corpus")],
        new DatasetOptions { GroupColumn = "conflict" }));

    private static int Count(int head, string label) => Corpus.Value.Labels[head].Count(l => l == label);

    [Test]
    public void LabelsAreTheCodebooksAndConsistent()
    {
        LabeledDataset c = Corpus.Value;
        Assert.That(c.LabelSet(0), Is.EqualTo(new[] { "insurgent", "jihadist", "none", "rebel", "terrorist" }));
        Assert.That(c.LabelSet(1), Is.EqualTo(new[] { "attributed", "none", "outlet" }));
        Assert.That(c.LabelSet(2), Is.EqualTo(new[] { "against", "favor", "neutral" }));
        for (int i = 0; i < c.Count; i++)
        {
            Assert.That(c.Labels[1][i] == "none", Is.EqualTo(c.Labels[0][i] == "none"), c.Sources[i] + ": voice is none exactly when framing is none");
            if (c.Labels[0][i] == "terrorist") Assert.That(c.Labels[2][i], Is.EqualTo("against"), c.Sources[i] + ": a terrorist framing carries against");
        }
    }

    [Test]
    public void EveryLabelIsWellRepresented()
    {
        Assert.That(Corpus.Value.Count, Is.GreaterThanOrEqualTo(4000));
        foreach (string label in new[] { "terrorist", "jihadist", "rebel", "insurgent" })
            Assert.That(Count(0, label), Is.GreaterThanOrEqualTo(500), label);
        Assert.That(Count(0, "none"), Is.GreaterThanOrEqualTo(1000));
        foreach (string label in new[] { "outlet", "attributed", "none" })
            Assert.That(Count(1, label), Is.GreaterThanOrEqualTo(600), label);
        foreach (string label in new[] { "favor", "against", "neutral" })
            Assert.That(Count(2, label), Is.GreaterThanOrEqualTo(600), label);
        Assert.That(Corpus.Value.Groups!.Distinct().Count(), Is.GreaterThanOrEqualTo(20), "conflicts");
    }

    /// <summary>Real news sentences are long: a median of 22 to 25 words, a fifth or more over 30.</summary>
    [Test]
    public void AFifthOfTheRowsAreOverThirtyWordsAsInRealNews()
    {
        int[] words = Corpus.Value.Texts.Select(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length).ToArray();
        Assert.That(words.Count(w => w > 30), Is.GreaterThanOrEqualTo(words.Length / 5));
    }

    /// <summary>Label words in another sense ("party rebels", "fighter jets") are at most a tenth of the none rows, so the model does not learn to distrust the words.</summary>
    [Test]
    public void HardNegativesAreAtMostATenthOfTheNoneRows()
    {
        LabeledDataset c = Corpus.Value;
        int none = 0, hard = 0;
        for (int i = 0; i < c.Count; i++)
        {
            if (c.Labels[0][i] != "none") continue;
            none++;
            if (Designation().IsMatch(c.Texts[i])) hard++;
        }
        Assert.That(hard * 10, Is.LessThanOrEqualTo(none), $"{hard} of {none} none rows carry a designation word");
    }

    [GeneratedRegex(@"terroris|terror group|\bterror\b|jihad|islamist|extremis|radical|rebel|insurgen|militant|militia|separatist|gunm[ae]n|fighters?\b|guerrill|mujahideen|bandit|insurrection|resistance|armed group|armed men|combatant|\bfactions?\b|paramilitar|\bgangs?\b|revolutionar|takfiri|infiltrator", RegexOptions.IgnoreCase)]
    private static partial Regex Designation();

    /// <summary>No two sentences share more than 70% of their word tokens: |A ∩ B| / max(|A|, |B|) over lower-cased word sets.</summary>
    [Test]
    public void HasNoNearDuplicates()
    {
        LabeledDataset c = Corpus.Value;
        var vocabulary = new Dictionary<string, int>();
        int[][] sets = c.Texts.Select(t => Word().Matches(t.ToLowerInvariant()).Select(m => m.Value).Distinct()
            .Select(w => vocabulary.TryGetValue(w, out int id) ? id : vocabulary[w] = vocabulary.Count).ToArray()).ToArray();
        var postings = new List<int>[vocabulary.Count];
        for (int i = 0; i < sets.Length; i++)
            foreach (int w in sets[i]) (postings[w] ??= []).Add(i);
        var shared = new int[sets.Length];
        var offenders = new List<string>();
        for (int i = 0; i < sets.Length; i++)
        {
            Array.Clear(shared);
            foreach (int w in sets[i])
                foreach (int j in postings[w])
                    if (j > i) shared[j]++;
            for (int j = i + 1; j < sets.Length; j++)
                if (shared[j] * 10 > 7 * Math.Max(sets[i].Length, sets[j].Length))
                    offenders.Add($"{c.Sources[i]} ~ {c.Sources[j]}");
        }
        Assert.That(offenders, Is.Empty);
    }

    [GeneratedRegex(@"\w+")]
    private static partial Regex Word();
}
