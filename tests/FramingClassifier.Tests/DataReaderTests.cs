using FramingClassifier.Training;
using NUnit.Framework;

namespace FramingClassifier.Tests;

public sealed class DataReaderTests : TempDirectoryFixture
{
    private static readonly DatasetOptions StanceOnly = new() { LabelColumns = ["stance"] };

    [Test]
    public void ReadsTsvCsvAndJsonlAlike()
    {
        string tsv = Write("a.tsv", "text\tstance\nRebels won.\tfavor\nBombs fell.\tagainst\n");
        string csv = Write("a.csv", "stance,text\nfavor,Rebels won.\nagainst,\"Bombs fell.\"\n");
        string jsonl = Write("a.jsonl", "{\"text\": \"Rebels won.\", \"stance\": \"favor\"}\n\n{\"text\": \"Bombs fell.\", \"stance\": \"against\"}\n");
        foreach (string path in new[] { tsv, csv, jsonl })
        {
            LabeledDataset data = LabeledDataset.Load([path], StanceOnly);
            Assert.That(data.Texts, Is.EqualTo(new[] { "Rebels won.", "Bombs fell." }), path);
            Assert.That(data.Labels[0], Is.EqualTo(new[] { "favor", "against" }), path);
        }
    }

    [Test]
    public void CsvQuotedFieldsMayHoldCommasQuotesAndNewlines()
    {
        string csv = Write("q.csv", "text,stance\r\n\"He said, \"\"go\"\"\nthen left.\",neutral\r\nplain,favor\r\n");
        LabeledDataset data = LabeledDataset.Load([csv], StanceOnly);
        Assert.That(data.Texts[0], Is.EqualTo("He said, \"go\"\nthen left."));
        Assert.That(data.Sources[1], Does.EndWith("q.csv:4"), "records are located by the line they start on");
    }

    [Test]
    public void TsvRowWithMissingFieldNamesFileLineAndColumn()
    {
        string tsv = Write("bad.tsv", "text\tstance\nfine\tfavor\nno label here\n");
        var e = Assert.Throws<DataFileException>(() => LabeledDataset.Load([tsv], StanceOnly));
        Assert.That((e!.File, e.Line, e.Column), Is.EqualTo((tsv, 3L, 14)));
        Assert.That(e.Message, Does.StartWith($"{tsv}:3:14: expected 2 fields"));
    }

    [Test]
    public void CsvErrorsNameLineAndColumn()
    {
        string open = Write("open.csv", "text,stance\nfine,favor\n\"never closed,favor\n");
        var e1 = Assert.Throws<DataFileException>(() => LabeledDataset.Load([open], StanceOnly));
        Assert.That((e1!.Line, e1.Column), Is.EqualTo((3L, 1)));
        Assert.That(e1.Message, Does.Contain("never closed"));
        string after = Write("after.csv", "text,stance\n\"quoted\"x,favor\n");
        var e2 = Assert.Throws<DataFileException>(() => LabeledDataset.Load([after], StanceOnly));
        Assert.That((e2!.Line, e2.Column), Is.EqualTo((2L, 9)));
    }

    [Test]
    public void InvalidJsonNamesLineAndColumn()
    {
        string jsonl = Write("bad.jsonl", "{\"text\": \"a\", \"stance\": \"favor\"}\n{\"text\": \"b\", \"stance\": favor}\n");
        var e = Assert.Throws<DataFileException>(() => LabeledDataset.Load([jsonl], StanceOnly));
        Assert.That(e!.Line, Is.EqualTo(2));
        Assert.That(e.Column, Is.GreaterThan(20));
        Assert.That(e.Message, Does.Contain("invalid JSON"));
    }

    [Test]
    public void UnknownColumnListsTheColumnsThatExist()
    {
        string tsv = Write("c.tsv", "sentence\tstance\nx\tfavor\n");
        var e = Assert.Throws<DataFileException>(() => LabeledDataset.Load([tsv], StanceOnly));
        Assert.That(e!.Message, Does.Contain("no column 'text'").And.Contain("Columns: sentence, stance"));
    }

    [Test]
    public void EmptyLabelsAreSkippedAndCounted()
    {
        string tsv = Write("e.tsv", "text\tstance\na\tfavor\nb\t\nc\tagainst\n");
        LabeledDataset data = LabeledDataset.Load([tsv], StanceOnly);
        Assert.That(data.Count, Is.EqualTo(3));
        Assert.That(data.SkippedLabels, Is.EqualTo(new[] { 1 }));
    }

    [Test]
    public void EmptyTextIsAnError()
    {
        string tsv = Write("t.tsv", "text\tstance\n \tfavor\n");
        var e = Assert.Throws<DataFileException>(() => LabeledDataset.Load([tsv], StanceOnly));
        Assert.That(e!.Message, Does.Contain(":2:1: empty 'text'"));
    }

    [Test]
    public void FormatComesFromTheExtensionUnlessOverridden()
    {
        Assert.That(DataFormats.Resolve("x.TSV"), Is.EqualTo(DataFormat.Tsv));
        Assert.That(DataFormats.Resolve("x.csv"), Is.EqualTo(DataFormat.Csv));
        Assert.That(DataFormats.Resolve("x.ndjson"), Is.EqualTo(DataFormat.Jsonl));
        Assert.That(DataFormats.Resolve("x.txt"), Is.EqualTo(DataFormat.Text));
        Assert.That(DataFormats.Resolve("x.txt", DataFormat.Csv), Is.EqualTo(DataFormat.Csv));
    }

    [Test]
    public void PlainTextHasNoLabelColumnsAndIsAClearError()
    {
        string txt = Write("x.txt", "text\tstance\nRebels won.\tfavor\n");
        var e = Assert.Throws<DataFileException>(() => LabeledDataset.Load([txt], StanceOnly));
        Assert.That(e!.Message, Does.StartWith(txt + ":").And.Contain("plain text"));
        string tsv = Write("y.tsv", "text\tstance\nRebels won.\tfavor\n");
        Assert.Throws<DataFileException>(() => LabeledDataset.Load([tsv], StanceOnly with { Format = DataFormat.Text }));
    }

    [Test]
    public void InvalidUtf8AndControlCharactersAreErrorsWithTheirColumn()
    {
        string utf8 = Path.Combine(Dir, "u.tsv");
        File.WriteAllBytes(utf8, [.. "text\tstance\nok\tfavor\nbad "u8, 0xFF, .. " here\tfavor\n"u8]);
        var e1 = Assert.Throws<DataFileException>(() => LabeledDataset.Load([utf8], StanceOnly));
        Assert.That((e1!.Line, e1.Column), Is.EqualTo((3L, 5)));
        Assert.That(e1.Message, Does.Contain("invalid UTF-8"));
        string nul = Write("n.tsv", "text\tstance\nok\tfavor\nnul\0here\tfavor\n");
        var e2 = Assert.Throws<DataFileException>(() => LabeledDataset.Load([nul], StanceOnly));
        Assert.That((e2!.Line, e2.Column), Is.EqualTo((3L, 4)));
        Assert.That(e2.Message, Does.Contain("control character").And.Contain("U+0000"));
    }

    [Test]
    public void SkipBadTextLeavesOutAndListsEachBadRow()
    {
        string file = Path.Combine(Dir, "s.tsv");
        File.WriteAllBytes(file, [.. "text\tstance\nok\tfavor\nbad "u8, 0xFF, .. " here\tfavor\nalso ok\tagainst\nnul\0here\tfavor\nlast\tnone\n"u8]);
        LabeledDataset rows = LabeledDataset.Load([file], StanceOnly with { SkipBadText = true });
        Assert.That(rows.Texts, Is.EqualTo(new[] { "ok", "also ok", "last" }));
        Assert.That(rows.Labels[0], Is.EqualTo(new[] { "favor", "against", "none" }));
        Assert.That(rows.SkippedRows, Has.Count.EqualTo(2));
        Assert.That(rows.SkippedRows[0], Does.StartWith(file + ":3:5: invalid UTF-8"));
        Assert.That(rows.SkippedRows[1], Does.StartWith(file + ":5:4: control character"));
        Assert.Throws<DataFileException>(() => LabeledDataset.Load([file], StanceOnly), "without the option the first bad row stops the load");
    }

    [TestCase("{\"text\": 7, \"stance\": \"favor\"}", "'text'")]
    [TestCase("{\"text\": [\"a\"], \"stance\": \"favor\"}", "'text'")]
    [TestCase("{\"text\": \"Rebels won.\", \"stance\": 7}", "'stance'")]
    [TestCase("{\"text\": \"Rebels won.\", \"stance\": {\"a\": 1}}", "'stance'")]
    [TestCase("{\"text\": \"Rebels won.\", \"stance\": true}", "'stance'")]
    public void AJsonValueThatIsNotAStringIsAnErrorInTextAndLabels(string line, string field)
    {
        string jsonl = Write("n.jsonl", "{\"text\": \"ok\", \"stance\": \"favor\"}\n" + line + "\n");
        var e = Assert.Throws<DataFileException>(() => LabeledDataset.Load([jsonl], StanceOnly));
        Assert.That(e!.Line, Is.EqualTo(2));
        Assert.That(e.Column, Is.GreaterThan(1));
        Assert.That(e.Message, Does.Contain(field).And.Contain("expected a string"));
    }

    [Test]
    public void ALoneSurrogateEscapeInJsonIsAnErrorWithItsLine()
    {
        string jsonl = Write("s.jsonl", "{\"text\": \"ok\", \"stance\": \"favor\"}\n{\"text\": \"cut \\ud83d\", \"stance\": \"favor\"}\n");
        var e = Assert.Throws<DataFileException>(() => LabeledDataset.Load([jsonl], StanceOnly));
        Assert.That(e!.Line, Is.EqualTo(2));
        Assert.That(e.Message, Does.Contain("surrogate"));
    }

    [Test]
    public void JsonErrorsCarryNoDotNetPositions()
    {
        string jsonl = Write("bad.jsonl", "{\"text\": \"ä\", \"stance\": oops}\n");
        var e = Assert.Throws<DataFileException>(() => LabeledDataset.Load([jsonl], StanceOnly));
        Assert.That(e!.Message, Does.Not.Contain("LineNumber").And.Not.Contain("BytePositionInLine"));
        Assert.That(e.Column, Is.EqualTo(25), "counted in characters, not bytes");
    }

    [Test]
    public void AQuoteLeftOpenIsReportedWhereItOpens()
    {
        string csv = Write("open.csv", "text,stance\nfine,favor\n\"never closed,favor\nmore,favor\nthird,\"favor\"\n");
        var e = Assert.Throws<DataFileException>(() => LabeledDataset.Load([csv], StanceOnly));
        Assert.That((e!.Line, e.Column), Is.EqualTo((3L, 1)));
        Assert.That(e.Message, Does.Contain("opened here"));
    }

    [Test]
    public void AnOverLongLineIsAnErrorWithoutBeingReadWhole()
    {
        string tsv = Path.Combine(Dir, "long.tsv");
        using (var w = new StreamWriter(tsv))
        {
            w.Write("text\tstance\nok\tfavor\n");
            w.Write(new string('x', 40 << 20));
            w.Write("\tfavor\n");
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<DataFileException>(() => LabeledDataset.Load([tsv], StanceOnly));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(e!.Line, Is.EqualTo(3));
        Assert.That(e.Message, Does.Contain("longer than"));
        Assert.That(allocated, Is.LessThan(32 << 20), "at most the limit (4 Mi characters) is held, not the 40 Mi-character line");
    }

    [Test]
    public void AnOverLongCsvRecordIsSkippedAndTheLinesAfterItKeepTheirNumbers()
    {
        const string csv = "text,stance\r\nok,favor\r\n\"a quoted field\r\nover three lines\r\nand too long\",favor\r\nlast,against\r\n";
        var bad = new List<DataFileException>();
        TableRow[] rows = [.. TableReader.Read(() => new StringReader(csv), "m.csv", ["text", "stance"], DataFormat.Csv, bad.Add, maxLineChars: 30)];
        Assert.That(rows.Select(r => (r.Line, r.Values[0])), Is.EqualTo(new[] { (2L, "ok"), (6L, "last") }));
        Assert.That(bad.Select(e => (e.Line, e.Column)), Is.EqualTo(new[] { (3L, 1) }));
        Assert.That(bad[0].Message, Does.Contain("record is longer than 30 characters"));
    }

    [Test]
    public void AQuoteNeverClosedIsAnErrorEvenPastTheRecordLimit()
    {
        const string csv = "text,stance\nok,favor\n\"never closed,favor\nmore,favor\nmore,favor\n";
        var e = Assert.Throws<DataFileException>(() => TableReader.Read(() => new StringReader(csv), "q.csv", ["text", "stance"], DataFormat.Csv, _ => { }, maxLineChars: 16).ToList());
        Assert.That((e!.Line, e.Column), Is.EqualTo((3L, 1)));
        Assert.That(e.Message, Does.Contain("never closed"));
    }

    [Test]
    public void LinesEndedByALoneCarriageReturnKeepTheirNumbersAroundASkippedRecord()
    {
        string tsv = "text\tstance\n\r" + new string('x', 70_000) + "\r\nok\tfavor\r\n\rlast\tagainst\n";
        var bad = new List<DataFileException>();
        TableRow[] rows = [.. TableReader.Read(() => new StringReader(tsv), "cr.tsv", ["text", "stance"], DataFormat.Tsv, bad.Add, maxLineChars: 1000)];
        Assert.That(rows.Select(r => (r.Line, r.Values[0])), Is.EqualTo(new[] { (4L, "ok"), (6L, "last") }));
        Assert.That(bad.Select(e => e.Line), Is.EqualTo(new[] { 3L }));
    }

    [Test]
    public void ACsvRecordWithTheWrongFieldCountIsLocatedInItsRawText()
    {
        // Quotes, a doubled quote and a line break inside fields: the error points where the raw text has its first extra field or ends.
        const string csv = "text,stance\n\"a, \"\"b\"\"\",favor,extra\n\"two\nlines\"\nok,favor\n";
        var bad = new List<DataFileException>();
        TableRow[] rows = [.. TableReader.Read(() => new StringReader(csv), "w.csv", ["text", "stance"], DataFormat.Csv, bad.Add)];
        Assert.That(rows.Select(r => (r.Line, r.Values[0])), Is.EqualTo(new[] { (5L, "ok") }));
        Assert.That(bad.Select(e => (e.Line, e.Column)), Is.EqualTo(new[] { (2L, 18), (4L, 7) }));
        Assert.That(bad[0].Message, Does.StartWith("w.csv:2:18: expected 2 fields as in the header, found 3."));
        Assert.That(bad[1].Message, Does.StartWith("w.csv:4:7: expected 2 fields as in the header, found 1."));
    }

    [Test]
    public void ALoneCarriageReturnEndsACsvRecordAsInTsv()
    {
        // Inside quotes it is kept in the value, and counted as a line break like everywhere else.
        const string csv = "text,stance\rRebels won.,favor\r\"Bombs\rfell.\",against\rhalf,fa\rvor\rlast,none\r";
        var bad = new List<DataFileException>();
        TableRow[] rows = [.. TableReader.Read(() => new StringReader(csv), "cr.csv", ["text", "stance"], DataFormat.Csv, bad.Add)];
        Assert.That(rows.Select(r => (r.Line, r.Values[0], r.Values[1])), Is.EqualTo(new[]
        {
            (2L, "Rebels won.", "favor"), (3L, "Bombs\rfell.", "against"), (5L, "half", "fa"), (7L, "last", "none"),
        }));
        Assert.That(bad.Select(e => (e.Line, e.Column)), Is.EqualTo(new[] { (6L, 4) }));
        const string tsv = "text\tstance\rRebels won.\tfavor\rBombs\tagainst\r\rhalf\tfa\rvor\rlast\tnone\r";
        var tsvBad = new List<DataFileException>();
        TableRow[] tsvRows = [.. TableReader.Read(() => new StringReader(tsv), "cr.tsv", ["text", "stance"], DataFormat.Tsv, tsvBad.Add)];
        Assert.That(tsvRows.Select(r => r.Line), Is.EqualTo(rows.Select(r => r.Line)));
        Assert.That(tsvBad.Select(e => (e.Line, e.Column)), Is.EqualTo(bad.Select(e => (e.Line, e.Column))));
    }

    [Test]
    public void TheCsvRecordLimitCountsRawCharactersQuotesAndCommasIncluded()
    {
        const string record = "\"say \"\"no\"\", then go\",favor";
        const string csv = "text,stance\n" + record + "\nlast,none\n";
        TableRow[] Read(int limit, List<DataFileException> bad) =>
            [.. TableReader.Read(() => new StringReader(csv), "l.csv", ["text", "stance"], DataFormat.Csv, bad.Add, maxLineChars: limit)];
        var none = new List<DataFileException>();
        Assert.That(Read(record.Length, none).Select(r => r.Values[0]), Is.EqualTo(new[] { "say \"no\", then go", "last" }));
        Assert.That(none, Is.Empty);
        var bad = new List<DataFileException>();
        Assert.That(Read(record.Length - 1, bad).Select(r => r.Line), Is.EqualTo(new[] { 3L }), "one raw character over the limit, though its values hold fewer");
        Assert.That(bad.Select(e => (e.Line, e.Column)), Is.EqualTo(new[] { (2L, 1) }));
        Assert.That(bad[0].Message, Does.Contain($"record is longer than {record.Length - 1} characters"));
    }
}
