using System.Text.Json;
using FramingClassifier.Cli.Profiles;
using NUnit.Framework;

namespace FramingClassifier.Tests;

/// <summary>`framing profile` and its statistics; not parallel because it redirects the console.</summary>
[NonParallelizable]
public sealed class ProfileTests : TempDirectoryFixture
{
    // Published values: Wilson (1927); e.g. Newcombe (1998), Statistics in Medicine 17, table I.
    [TestCase(3, 10, 0.1078, 0.6032)]
    [TestCase(0, 10, 0.0, 0.2775)]
    [TestCase(10, 10, 0.7225, 1.0)]
    [TestCase(81, 263, 0.2553, 0.3662)]
    public void WilsonIntervalsMatchPublishedValues(int k, int n, double low, double high)
    {
        var (l, h) = WilsonInterval.Of(k, n);
        Assert.That(l, Is.EqualTo(low).Within(5e-5));
        Assert.That(h, Is.EqualTo(high).Within(5e-5));
    }

    [Test]
    public void DocumentsThatAgreeLeaveWilsonAsItIs()
    {
        var (low, high, deff) = ClusteredInterval.Of(30, 100, Enumerable.Repeat((10L, 3L), 10).ToArray());
        Assert.That(deff, Is.EqualTo(1.0));
        Assert.That((low, high), Is.EqualTo(WilsonInterval.Of(30, 100)));
    }

    [Test]
    public void DocumentsThatAreAllOrNothingShrinkTheSampleToAboutOneSentenceEach()
    {
        (long, long)[] documents = [.. Enumerable.Repeat((10L, 10L), 5), .. Enumerable.Repeat((10L, 0L), 5)];
        var (low, high, deff) = ClusteredInterval.Of(50, 100, documents);
        // Σ(k_d − p·n_d)² = 10 · 25; clustered variance 10/9 · 250 / 100²; simple 0.25 / 100.
        Assert.That(deff, Is.EqualTo(100.0 / 9).Within(1e-9));
        Assert.That((low, high), Is.EqualTo(WilsonInterval.Of(50 / deff, 100 / deff)));
        Assert.That(high - low, Is.GreaterThan(2.5 * (WilsonInterval.Of(50, 100).High - WilsonInterval.Of(50, 100).Low)));
    }

    private static string Row(string doc, string outlet, string framing, string stance) =>
        $"{{\"doc\":\"{doc}\",\"sentence\":0,\"outlet\":\"{outlet}\",\"text\":\"x\"," +
        $"\"framing\":{{\"label\":\"{framing}\",\"p\":{{\"rebel\":0.5,\"terrorist\":0.3,\"none\":0.2}}}}," +
        $"\"stance\":{{\"label\":\"{stance}\",\"p\":{{\"against\":0.5,\"neutral\":0.5}}}}}}";

    private string Scored()
    {
        string path = Path.Combine(Dir, "scored.jsonl");
        File.WriteAllLines(path,
        [
            Row("d1", "Courier", "rebel", "neutral"), Row("d1", "Courier", "terrorist", "against"), Row("d2", "Courier", "terrorist", "against"),
            Row("d2", "Courier", "terrorist", "neutral"), Row("d3", "Herald", "rebel", "neutral"), "{not json", "{\"doc\":\"d9\",\"text\":\"no outlet\"}",
            Row("d4", "Herald", "none", "neutral"),
        ]);
        return path;
    }

    [Test]
    public void JsonReportsCountsSharesAndIntervalsPerGroup()
    {
        string json = Path.Combine(Dir, "p.json");
        var r = CliHarness.Run("profile", "--input", Scored(), "--group-by", "outlet", "--format", "json", "--output", json);
        Assert.That(r.Code, Is.Zero, r.Err);
        JsonElement root = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        JsonElement[] groups = [.. root.GetProperty("groups").EnumerateArray()];
        Assert.That(groups.Select(g => (g.GetProperty("group").GetString(), g.GetProperty("sentences").GetInt32(), g.GetProperty("documents").GetInt32())),
            Is.EqualTo(new[] { ("Courier", 4, 2), ("Herald", 2, 2) }));
        JsonElement terrorist = groups[0].GetProperty("heads").GetProperty("framing").GetProperty("terrorist");
        Assert.That(terrorist.GetProperty("count").GetInt32(), Is.EqualTo(3));
        Assert.That(terrorist.GetProperty("share").GetDouble(), Is.EqualTo(0.75));
        // Courier's documents: d1 has 1 of 2 sentences "terrorist", d2 2 of 2.
        var (low, high, _) = ClusteredInterval.Of(3, 4, [(2, 1), (2, 2)]);
        Assert.That(low, Is.LessThan(WilsonInterval.Of(3, 4).Low), "documents that differ widen the interval");
        Assert.That(terrorist.GetProperty("low").GetDouble(), Is.EqualTo(low).Within(1e-6));
        Assert.That(terrorist.GetProperty("high").GetDouble(), Is.EqualTo(high).Within(1e-6));
        Assert.That(groups[1].GetProperty("heads").GetProperty("framing").GetProperty("terrorist").GetProperty("count").GetInt32(), Is.Zero,
            "a label a group never got is still listed");
        Assert.That(r.Err, Does.Contain("scored.jsonl:6:2: invalid JSON").And.Contain("scored.jsonl:7:1: no 'outlet' field"));
        Assert.That(root.GetProperty("skippedRows").GetInt32(), Is.EqualTo(2));
    }

    [Test]
    public void TableGroupsByDocumentByDefault()
    {
        var r = CliHarness.Run("profile", "--input", Scored(), "--heads", "stance");
        Assert.That(r.Code, Is.Zero, r.Err);
        Assert.That(r.Out, Does.Contain("4 groups by 'doc', 6 sentences"));
        Assert.That(r.Out, Does.Contain("d4").And.Contain(" 1 100.0% [20.7%–100.0%]"));
        Assert.That(r.Err, Does.Contain("scored.jsonl:7:1: no label for head 'stance'"));
        Assert.That(r.Out, Does.Not.Contain("framing"));
    }

    [Test]
    public void HtmlIsSelfContainedWithABarPerGroupAndLabel()
    {
        string html = Path.Combine(Dir, "p.html");
        var r = CliHarness.Run("profile", "--input", Scored(), "--group-by", "outlet", "--format", "html", "--output", html);
        Assert.That(r.Code, Is.Zero, r.Err);
        string page = File.ReadAllText(html);
        Assert.That(page, Does.StartWith("<!DOCTYPE html>"));
        Assert.That(page, Does.Not.Contain("http").And.Not.Contain("<script").And.Not.Contain("<link"));
        // framing: 2 groups × 3 labels of panel bars, plus 4 non-empty stacked segments; stance: 2 × 2 plus 3.
        Assert.That(CountOf(page, "<rect"), Is.EqualTo(2 * 3 + 4 + 2 * 2 + 3));
        Assert.That(page, Does.Contain("Courier, terrorist: 75.0% (3 of 4)"));
    }

    [Test]
    public void AnUnknownHeadOrAFileThatIsNotScoredOutputIsAClearError()
    {
        var r = CliHarness.Run("profile", "--input", Scored(), "--heads", "voice");
        Assert.That((r.Code, r.Err), Is.EqualTo((1, r.Err)));
        Assert.That(r.Err, Does.Contain("scored.jsonl:1:1: unknown head 'voice'. Heads: framing, stance."));
        string plain = Path.Combine(Dir, "plain.jsonl");
        File.WriteAllText(plain, "{\"text\":\"Rebels\"}\n");
        r = CliHarness.Run("profile", "--input", plain);
        Assert.That(r.Err, Does.Contain("plain.jsonl:1:1: no head predictions"));
    }

    private static int CountOf(string s, string part) => (s.Length - s.Replace(part, "").Length) / part.Length;
    [Test]
    public void HtmlWithNoGroupsIsAPageThatSaysSo()
    {
        string input = Path.Combine(Dir, "none.jsonl");
        File.WriteAllLines(input, [Row("d1", "x", "rebel", "neutral").Replace("\"outlet\":\"x\",", "")]);
        string html = Path.Combine(Dir, "p.html");
        var r = CliHarness.Run("profile", "--input", input, "--group-by", "outlet", "--format", "html", "--output", html);
        Assert.That(r.Code, Is.Zero, r.Err);
        Assert.That(File.ReadAllText(html), Does.Contain("0 groups"));
    }

    [Test]
    public void HtmlClipsLongGroupNamesBetweenCharacters()
    {
        string name = string.Concat(Enumerable.Repeat("🙂", 20));
        string input = Path.Combine(Dir, "emoji.jsonl");
        File.WriteAllLines(input, [Row("d1", name, "rebel", "neutral")]);
        string html = Path.Combine(Dir, "p.html");
        var r = CliHarness.Run("profile", "--input", input, "--group-by", "outlet", "--format", "html", "--output", html);
        Assert.That(r.Code, Is.Zero, r.Err);
        string page = File.ReadAllText(html);
        Assert.That(page, Does.Not.Contain("\ufffd").And.Not.Contain("&#65533;"));
        Assert.That(page, Does.Contain(string.Concat(Enumerable.Repeat("&#128578;", 11)) + "…<"), "HtmlEncode writes emoji as entities");
    }

    [Test]
    public void OutputWrittenWithoutProbabilitiesProfilesAlike()
    {
        string bare = Path.Combine(Dir, "bare.jsonl");
        File.WriteAllLines(bare, File.ReadAllLines(Scored()).Select(l => System.Text.RegularExpressions.Regex.Replace(l, ",\"p\":\\{[^}]*\\}", "")));
        var all = CliHarness.Run("profile", "--input", Scored(), "--group-by", "outlet", "--heads", "stance");
        var none = CliHarness.Run("profile", "--input", bare, "--group-by", "outlet", "--heads", "stance");
        Assert.That(none.Code, Is.Zero, none.Err);
        Assert.That(none.Out.Replace("bare.jsonl", "scored.jsonl"), Is.EqualTo(all.Out));
        Assert.That(none.Err, Does.Not.Contain("LineNumber").And.Contain("bare.jsonl:6:2: invalid JSON"));
    }
}
