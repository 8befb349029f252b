using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using NUnit.Framework;

namespace FramingClassifier.Tests;

/// <summary>`framing predict` on whole documents and on bad input; not parallel because it redirects the console.</summary>
[NonParallelizable]
public sealed class PredictCliTests : TempDirectoryFixture
{
    private string _model = "";

    [SetUp]
    public void SaveModel()
    {
        _model = Path.Combine(Dir, "m.fcm");
        ToyData.Model.Value.Save(_model);
    }

    private (int Code, string Err, JsonElement[] Rows) Predict(string input, params string[] args)
    {
        string output = Path.Combine(Dir, "out.jsonl");
        var r = CliHarness.Run(["predict", "--model", _model, "--input", input, "--output", output, .. args]);
        JsonElement[] rows = r.Code == 0 ? File.ReadAllLines(output).Select(l => JsonDocument.Parse(l).RootElement).ToArray() : [];
        return (r.Code, r.Err, rows);
    }

    [Test]
    public void SplitSentencesWritesDocumentIdsSentenceIndexesAndKeptColumnsInOrder()
    {
        string tsv = Write("articles.tsv", "id\toutlet\ttext\n" +
            "a1\tDaily\tGen. Omar said gunmen held the port during the football match. “Gunmen left a village at dawn. They shelled the airport,” a witness said.\n" +
            "a2\tHerald\tArmed men entered the capital at dawn.\n");
        var (code, err, rows) = Predict(tsv, "--split-sentences", "--id-column", "id", "--keep-columns", "outlet");
        Assert.That(code, Is.Zero, err);
        Assert.That(rows.Select(r => (r.GetProperty("doc").GetString(), r.GetProperty("sentence").GetInt32(), r.GetProperty("outlet").GetString())),
            Is.EqualTo(new[] { ("a1", 0, "Daily"), ("a1", 1, "Daily"), ("a1", 2, "Daily"), ("a2", 0, "Herald") }));
        Assert.That(rows[0].GetProperty("text").GetString(), Is.EqualTo("Gen. Omar said gunmen held the port during the football match."));
        Assert.That(rows[2].GetProperty("text").GetString(), Is.EqualTo("They shelled the airport,” a witness said."));
        Assert.That(rows[0].GetProperty("topic").GetProperty("label").GetString(), Is.EqualTo("sport"));
        Assert.That(err, Does.Contain("scored 4 sentences"));
    }

    [Test]
    public void CsvArticlesWithParagraphsAndJsonlIdsAreSplitToo()
    {
        string csv = Write("articles.csv", "outlet,text\nDaily,\"Gunmen held the port.\n\nArmed men left, \"\"at dawn\"\".\"\nHerald,The militia shelled the airport.\n");
        var (code, err, rows) = Predict(csv, "--split-sentences", "--keep-columns", "outlet");
        Assert.That(code, Is.Zero, err);
        Assert.That(rows.Select(r => (r.GetProperty("doc").GetInt64(), r.GetProperty("sentence").GetInt32(), r.GetProperty("outlet").GetString())),
            Is.EqualTo(new[] { (2L, 0, "Daily"), (2L, 1, "Daily"), (5L, 0, "Herald") }));
        Assert.That(rows[1].GetProperty("text").GetString(), Is.EqualTo("Armed men left, \"at dawn\"."));

        string jsonl = Write("articles.jsonl", "{\"id\": 7, \"text\": \"Gunmen held the port. Armed men left.\"}\n");
        (code, err, rows) = Predict(jsonl, "--split-sentences", "--id-column", "id");
        Assert.That(code, Is.Zero, err);
        Assert.That(rows.Select(r => r.GetProperty("doc").GetString()), Is.EqualTo(new[] { "7", "7" }));
    }

    [Test]
    public void ASentenceInsideAQuotationIsScoredAsQuoted()
    {
        const string article = "Officials confirmed it. “Gunmen left the port at dawn. Gunmen held the airport at dawn.”";
        string path = Write("quote.txt", article + "\n");
        var (code, err, rows) = Predict(path, "--split-sentences");
        Assert.That(code, Is.Zero, err);
        FramingModel model = ToyData.Model.Value;
        float quoted = model.Predict("“Gunmen held the airport at dawn.”")["voice"]["attributed"];
        float unquoted = model.Predict("Gunmen held the airport at dawn.”")["voice"]["attributed"];
        Assert.That(rows[2].GetProperty("voice").GetProperty("p").GetProperty("attributed").GetSingle(), Is.EqualTo(quoted).Within(1e-4));
        Assert.That(quoted, Is.Not.EqualTo(unquoted).Within(1e-3), "the test needs the opening mark to matter");
    }

    [Test]
    public void ADirectoryIsReadAsOneDocumentPerTextFile()
    {
        string dir = Path.Combine(Dir, "articles");
        Directory.CreateDirectory(Path.Combine(dir, "sub"));
        File.WriteAllText(Path.Combine(dir, "a.txt"), "GUNMEN HOLD PORT\n\nGunmen held the port during the football match. Armed men left a village at dawn.\n");
        File.WriteAllText(Path.Combine(dir, "sub", "b.txt"), "The militia shelled the airport at dawn.");
        File.WriteAllText(Path.Combine(dir, "notes.md"), "Not an article.");
        using (var f = File.Create(Path.Combine(dir, "bad.txt")))
        {
            f.Write(Encoding.UTF8.GetBytes("Gunmen held the port.\nArmed men "));
            f.Write([0xFF]);
        }
        var (code, err, rows) = Predict(dir, "--split-sentences");
        Assert.That(code, Is.Zero, err);
        Assert.That(rows.Select(r => (r.GetProperty("doc").GetString(), r.GetProperty("sentence").GetInt32())),
            Is.EqualTo(new[] { ("a.txt", 0), ("a.txt", 1), ("a.txt", 2), (Path.Combine("sub", "b.txt"), 0) }));
        Assert.That(rows[0].GetProperty("text").GetString(), Is.EqualTo("GUNMEN HOLD PORT"));
        Assert.That(err, Does.Contain("bad.txt:2:11: invalid UTF-8"));
    }

    [Test]
    public void ManyRowsOnSeveralThreadsKeepInputOrder()
    {
        var lines = Enumerable.Range(0, 9000).Select(i => i % 2 == 0 ? $"Gunmen number {i} held the port during the football match." : $"Officials said {i} fighters left a village at dawn.");
        string path = Write("many.txt", string.Join('\n', lines) + "\n");
        var (code, err, rows) = Predict(path, "--threads", "2");
        Assert.That(code, Is.Zero, err);
        Assert.That(rows.Select(r => r.GetProperty("text").GetString()), Is.EqualTo(lines));
        Assert.That(rows.Select(r => r.GetProperty("topic").GetProperty("label").GetString()).Distinct().Order(), Is.EqualTo(new[] { "sport", "war" }));
    }

    [Test]
    public void BadRowsAreReportedWithFileAndLineAndTheOthersAreScored()
    {
        string path = Path.Combine(Dir, "bad.txt");
        using (var f = File.Create(path))
        {
            f.Write(Encoding.UTF8.GetBytes("Gunmen held the port.\n\nArmed men left "));
            f.Write([0xC3, 0x28]); // an invalid two-byte sequence
            f.Write(Encoding.UTF8.GetBytes(" the capital.\n" + new string('x', 1 << 20) + "\nThe militia shelled a village.\n"));
        }
        var (code, err, rows) = Predict(path);
        Assert.That(code, Is.Zero, err);
        Assert.That(rows.Select(r => r.GetProperty("text").GetString()), Is.EqualTo(new[] { "Gunmen held the port.", "The militia shelled a village." }));
        Assert.That(err, Does.Contain("bad.txt:2:1: empty text. Skipped."));
        Assert.That(err, Does.Contain("bad.txt:3:16: invalid UTF-8"));
        Assert.That(err, Does.Contain("bad.txt:4:1: the text has 1,048,576 characters, over --max-chars 10,000. Skipped."));
        Assert.That(err, Does.Contain("scored 2 rows; skipped 3: 1 empty, 1 invalid UTF-8, 1 too long"));
    }

    [Test]
    public void ACsvRowWithAMissingFieldIsSkippedAndAMissingColumnIsAnError()
    {
        string csv = Write("in.csv", "id,text\n1,Gunmen held the port.\n2\n3,\"Armed men, at dawn, left.\"\n");
        var (code, err, rows) = Predict(csv, "--id-column", "id");
        Assert.That(code, Is.Zero, err);
        Assert.That(rows.Select(r => r.GetProperty("doc").GetString()), Is.EqualTo(new[] { "1", "3" }));
        Assert.That(err, Does.Contain("in.csv:3:2: expected 2 fields as in the header, found 1. Skipped."));
        Assert.That(err, Does.Contain("skipped 1: 1 malformed"));

        var missing = Predict(csv, "--keep-columns", "outlet");
        Assert.That(missing.Code, Is.EqualTo(1));
        Assert.That(missing.Err, Does.Contain("in.csv:1:1: no column 'outlet'. Columns: id, text."));
    }

    [Test]
    public void InvalidJsonLinesAreSkipped()
    {
        string jsonl = Write("in.jsonl", "{\"text\": \"Gunmen held the port.\"}\n{\"text\": oops}\n[1]\n{\"other\": 1}\n{\"text\": \"Armed men left.\"}\n");
        var (code, err, rows) = Predict(jsonl);
        Assert.That(code, Is.Zero, err);
        Assert.That(rows, Has.Length.EqualTo(2));
        Assert.That(err, Does.Contain("in.jsonl:2:10: invalid JSON"));
        Assert.That(err, Does.Contain("in.jsonl:3:1: expected a JSON object, found Array. Skipped."));
        Assert.That(err, Does.Contain("in.jsonl:4:1: no 'text' field. Skipped."));
    }

    [Test]
    public void AnUnknownHeadIsAnErrorBeforeAnythingIsWritten()
    {
        string output = Path.Combine(Dir, "kept.jsonl");
        File.WriteAllText(output, "earlier output");
        string input = Write("in.txt", "Gunmen held the port.\n");
        var r = CliHarness.Run("predict", "--model", _model, "--input", input, "--output", output, "--heads", "topic,framing");
        Assert.That(r.Code, Is.EqualTo(1));
        Assert.That(r.Err, Does.Contain("The model has no head 'framing'. Heads: topic, voice."));
        Assert.That(File.ReadAllText(output), Is.EqualTo("earlier output"));
    }

    [Test]
    public void AKeptColumnThatWouldClashWithAnOutputFieldIsAnError()
    {
        string tsv = Write("in.tsv", "text\ttopic\nGunmen held the port.\tsport\n");
        var (code, err, _) = Predict(tsv, "--keep-columns", "topic");
        Assert.That(code, Is.EqualTo(1));
        Assert.That(err, Does.Contain("--keep-columns: 'topic' would clash with an output field (doc, sentence, text, topic, voice)."));
    }

    [Test]
    public void HeadsSelectsWhatIsWritten()
    {
        string input = Write("in.txt", "Gunmen held the port.\n");
        var (code, err, rows) = Predict(input, "--heads", "voice");
        Assert.That(code, Is.Zero, err);
        Assert.That(rows[0].EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "text", "voice" }));
    }

    [Test]
    public void ALoneSurrogateInJsonIsSkippedWithItsLineAndTheRunGoesOn()
    {
        string jsonl = Write("s.jsonl", "{\"text\": \"Gunmen held the port.\"}\n{\"text\": \"cut \\ud83d\"}\n{\"text\": \"Armed men left.\"}\n");
        var (code, err, rows) = Predict(jsonl);
        Assert.That(code, Is.Zero, err);
        Assert.That(rows, Has.Length.EqualTo(2));
        Assert.That(err, Does.Contain("s.jsonl:2:").And.Contain("surrogate"));
    }

    [Test]
    public void TableWarningsNameTheColumnOfTheField()
    {
        string tsv = Path.Combine(Dir, "u.tsv");
        File.WriteAllBytes(tsv, [.. "id\ttext\nx\tbad "u8, 0xFF, .. " here\n"u8]);
        var (_, err, _) = Predict(tsv, "--id-column", "id");
        Assert.That(err, Does.Contain("u.tsv:2:7: invalid UTF-8 in 'text' at character 5"));
        string csv = Write("e.csv", "id,text\nx,\"\"\n");
        (_, err, _) = Predict(csv, "--id-column", "id");
        Assert.That(err, Does.Contain("e.csv:2:3: empty text"));
    }

    [Test]
    public void AnOverLongLineIsSkippedWithoutBeingReadWhole()
    {
        string path = Path.Combine(Dir, "long.txt");
        using (var w = new StreamWriter(path))
        {
            w.Write("Gunmen held the port.\n");
            w.Write(new string('x', 48 << 20));
            w.Write("\nArmed men left.\n");
        }
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var (code, err, rows) = Predict(path);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.That(code, Is.Zero, err);
        Assert.That(rows, Has.Length.EqualTo(2));
        Assert.That(err, Does.Contain("long.txt:2:1: the line is longer than"));
        Assert.That(allocated, Is.LessThan(48L << 20), "a 48 M-character line is 96 MB as a string");
    }

    [Test]
    public void AWriteErrorNamesTheTargetNotTheTemporaryFile()
    {
        string input = Write("in.txt", "Gunmen held the port.\n");
        string target = Path.Combine(Dir, "missing", "out.jsonl");
        var r = CliHarness.Run("predict", "--model", _model, "--input", input, "--output", target);
        Assert.That(r.Code, Is.EqualTo(1));
        Assert.That(r.Err, Does.Contain(target).And.Not.Contain(".tmp"));
    }

    [Test]
    public void StaleTemporaryFilesOfTheSameTargetAreRemoved()
    {
        string input = Write("in.txt", "Gunmen held the port.\n");
        string output = Path.Combine(Dir, "out.jsonl");
        string stale = Write("out.jsonl.0123abcd.tmp", "left by a killed run"), other = Write("other.jsonl.0123abcd.tmp", "not ours");
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-2));
        File.SetLastWriteTimeUtc(other, DateTime.UtcNow.AddHours(-2));
        var r = CliHarness.Run("predict", "--model", _model, "--input", input, "--output", output);
        Assert.That(r.Code, Is.Zero, r.Err);
        Assert.That(File.Exists(stale), Is.False);
        Assert.That(File.Exists(other), Is.True);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    [TestCase(15)] // SIGTERM
    [TestCase(2)]  // SIGINT, as Ctrl-C sends
    public void ASignalRemovesTheTemporaryFile(int signal)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) Assert.Ignore("POSIX signals");
        if (IgnoredHere(signal)) Assert.Ignore($"signal {signal} is ignored in this process (a background job), and so in its children");
        string output = Path.Combine(Dir, "out.jsonl");
        File.WriteAllText(output, "earlier output");
        string cli = Path.Combine(Path.GetDirectoryName(typeof(FramingClassifier.Cli.Commands.CliRunner).Assembly.Location)!, "framing.dll");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string a in new[] { cli, "predict", "--model", _model, "--input", "-", "--output", output, "--quiet" }) start.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(start)!;
        process.StandardInput.WriteLine("Gunmen held the port.");
        process.StandardInput.Flush();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Directory.GetFiles(Dir, "out.jsonl.*.tmp").Length == 0 && DateTime.UtcNow < deadline) Thread.Sleep(50);
        Assert.That(Directory.GetFiles(Dir, "out.jsonl.*.tmp"), Is.Not.Empty, "the run has started writing");
        Thread.Sleep(300);
        Assert.That(kill(process.Id, signal), Is.Zero);
        Assert.That(process.WaitForExit(30_000), Is.True);
        Assert.That(Directory.GetFiles(Dir, "*.tmp"), Is.Empty);
        Assert.That(File.ReadAllText(output), Is.EqualTo("earlier output"));
    }

    // Linux lists the signals a process ignores in /proc/self/status; a child inherits them, and .NET
    // leaves an ignored SIGINT ignored.
    private static bool IgnoredHere(int signal)
    {
        if (!File.Exists("/proc/self/status")) return false;
        string mask = File.ReadLines("/proc/self/status").First(l => l.StartsWith("SigIgn:", StringComparison.Ordinal))[7..].Trim();
        return (Convert.ToUInt64(mask, 16) & (1UL << (signal - 1))) != 0;
    }

    [TestCase("text\n")]
    [TestCase("id\ttext\n1\n2\n")]
    public void NothingScoredIsAnErrorAndTheEarlierOutputStays(string tsv)
    {
        string output = Path.Combine(Dir, "out.jsonl");
        File.WriteAllText(output, "earlier output");
        string input = Write("in.tsv", tsv);
        var r = CliHarness.Run("predict", "--model", _model, "--input", input, "--output", output);
        Assert.That((r.Code, r.Err), Is.EqualTo((1, r.Err)));
        Assert.That(r.Err, Does.Contain("nothing was scored"));
        Assert.That(File.ReadAllText(output), Is.EqualTo("earlier output"));
        Assert.That(Directory.GetFiles(Dir, "*.tmp"), Is.Empty);
    }

    [Test]
    public void AnEmptyFolderIsAnErrorToo()
    {
        string empty = Path.Combine(Dir, "empty");
        Directory.CreateDirectory(empty);
        var r = CliHarness.Run("predict", "--model", _model, "--input", empty, "--output", Path.Combine(Dir, "out.jsonl"));
        Assert.That((r.Code, r.Err), Is.EqualTo((1, r.Err)));
        Assert.That(File.Exists(Path.Combine(Dir, "out.jsonl")), Is.False);
    }

    [Test]
    public void BinaryInputIsRefused()
    {
        string dll = typeof(FramingModel).Assembly.Location;
        string output = Path.Combine(Dir, "out.jsonl");
        File.WriteAllText(output, "earlier output");
        var r = CliHarness.Run("predict", "--model", _model, "--input", dll, "--output", output);
        Assert.That((r.Code, r.Err), Is.EqualTo((1, r.Err)));
        Assert.That(r.Err, Does.Contain("binary"));
        Assert.That(File.ReadAllText(output), Is.EqualTo("earlier output"));
    }

    [Test]
    public void LabelsOutputHasOneLinePerInputRowInInputOrder()
    {
        string input = Write("in.tsv", "text\tother\nGunmen held the port during the football match.\tx\n\tx\nbroken row\n“Gunmen left a village at dawn,” a witness said.\tx\n");
        string output = Path.Combine(Dir, "out.txt");
        var r = CliHarness.Run("predict", "--model", _model, "--input", input, "--output", output, "--output-format", "labels", "--threads", "2");
        Assert.That(r.Code, Is.Zero, r.Err);
        FramingModel model = ToyData.Model.Value;
        string Labels(string text) => $"{model.Predict(text)["topic"].Label}\t{model.Predict(text)["voice"].Label}";
        Assert.That(File.ReadAllText(output), Is.EqualTo(
            Labels("Gunmen held the port during the football match.") + "\n\n\n" + Labels("“Gunmen left a village at dawn,” a witness said.") + "\n"),
            "the empty and the malformed row keep their lines");
        Assert.That(r.Err, Does.Contain("scored 2 rows; skipped 2"));
    }

    [Test]
    public void ProbabilitiesChoosesNoneTheTopKOrAll()
    {
        string input = Write("in.txt", "Gunmen held the port during the football match.\n");
        HeadPrediction topic = ToyData.Model.Value.Predict("Gunmen held the port during the football match.")["topic"];
        var (_, err, rows) = Predict(input, "--probabilities", "none");
        Assert.That(rows[0].GetProperty("topic").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "label" }), err);
        (_, err, rows) = Predict(input, "--probabilities", "1");
        Assert.That(rows[0].GetProperty("topic").GetProperty("p").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { topic.Label }), err);
        (_, err, rows) = Predict(input);
        Assert.That(rows[0].GetProperty("topic").GetProperty("p").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "sport", "war" }), err);

        string output = Path.Combine(Dir, "out.txt");
        var r = CliHarness.Run("predict", "--model", _model, "--input", input, "--output", output, "--output-format", "labels", "--heads", "topic", "--probabilities", "all");
        Assert.That(r.Code, Is.Zero, r.Err);
        string other = topic.Label == "sport" ? "war" : "sport";
        Assert.That(File.ReadAllText(output), Is.EqualTo(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{topic.Label} {Math.Round(topic.Probability, 4)} {other} {Math.Round(topic[other], 4)}\n")));
        var bad = CliHarness.Run("predict", "--model", _model, "--input", input, "--output", output, "--probabilities", "0");
        Assert.That((bad.Code, bad.Err.Contains("--probabilities: '0'")), Is.EqualTo((1, true)), bad.Err);
        var columns = CliHarness.Run("predict", "--model", _model, "--input", Write("in.tsv", "id\ttext\n1\tx\n"), "--output", output, "--output-format", "labels", "--id-column", "id");
        Assert.That((columns.Code, columns.Err.Contains("need jsonl")), Is.EqualTo((1, true)), columns.Err);
    }
}
