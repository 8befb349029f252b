using NUnit.Framework;

namespace FramingClassifier.Tests;

public sealed class TokenizerTests
{
    private static (string Text, TokenFlags Flags)[] Tokens(string raw)
    {
        string text = TextNormalizer.Normalize(raw);
        Token[] buffer = [];
        int n = Tokenizer.Tokenize(text, ref buffer);
        return buffer.Take(n).Select(t => (text.Substring(t.Start, t.Length), t.Flags)).ToArray();
    }

    [Test]
    public void KeepsPunctuationQuotesAndInnerApostrophes()
    {
        string[] texts = Tokens("The rebels’ “victory” didn't last — al-Qaeda's men!!").Select(t => t.Text).ToArray();
        Assert.That(texts, Is.EqualTo(new[] { "the", "rebels", "’", "“", "victory", "”", "didn't", "last", "—", "al", "-", "qaeda's", "men", "!!" }));
    }

    [TestCase("\"")]
    [TestCase("“")]
    [TestCase("”")]
    [TestCase("‘")]
    [TestCase("’")]
    [TestCase("«")]
    [TestCase("»")]
    [TestCase("'")]
    public void EveryQuotationMarkIsAQuoteToken(string mark)
    {
        Assert.That(Tokenizer.IsQuoteMark(mark[0]), Is.True);
        var tokens = Tokens($"x {mark} y");
        Assert.That(tokens.Single(t => t.Text == mark).Flags.HasFlag(TokenFlags.QuoteMark), Is.True);
    }

    [TestCase("He said \"these bandits will pay\" today.")]
    [TestCase("He said “these bandits will pay” today.")]
    [TestCase("He said « these bandits will pay » today.")]
    [TestCase("He said ‘these bandits will pay’ today.")]
    [TestCase("He said 'these bandits will pay' today.")]
    public void MarksWordsInsideQuotations(string sentence)
    {
        var tokens = Tokens(sentence);
        Assert.That(tokens.Single(t => t.Text == "bandits").Flags.HasFlag(TokenFlags.InQuote), Is.True);
        Assert.That(tokens.Single(t => t.Text == "today").Flags.HasFlag(TokenFlags.InQuote), Is.False);
        Assert.That(tokens.Single(t => t.Text == "he").Flags.HasFlag(TokenFlags.InQuote), Is.False);
    }

    [Test]
    public void AClosingMarkWithNoOpeningMarksTheStartAsQuoted()
    {
        var tokens = Tokens("They are nothing but bandits,” the governor added.");
        Assert.That(tokens.Single(t => t.Text == "bandits").Flags.HasFlag(TokenFlags.InQuote), Is.True);
        Assert.That(tokens.Single(t => t.Text == "governor").Flags.HasFlag(TokenFlags.InQuote), Is.False);
    }

    [Test]
    public void APossessiveApostropheDoesNotOpenOrCloseAQuotation()
    {
        var tokens = Tokens("The rebels’ commander spoke.");
        Assert.That(tokens.Any(t => t.Flags.HasFlag(TokenFlags.InQuote)), Is.False);
    }

    [Test]
    public void MarksTheScopeAfterAReportingCue()
    {
        var tokens = Tokens("The rebels said the extremists had fled, according to residents.");
        Assert.That(tokens.Single(t => t.Text == "rebels").Flags.HasFlag(TokenFlags.InReportScope), Is.False);
        Assert.That(tokens.Single(t => t.Text == "said").Flags.HasFlag(TokenFlags.Cue), Is.True);
        Assert.That(tokens.Single(t => t.Text == "extremists").Flags.HasFlag(TokenFlags.InReportScope), Is.True);
    }

    [Test]
    public void TheHashFilterLetsEveryCueThroughAndOnlyCues()
    {
        foreach (string cue in CueLexicon.All)
            Assert.That(Tokens($"rebels {cue} that").Single(t => t.Text == cue).Flags.HasFlag(TokenFlags.Cue), Is.True, cue);
        string[] words = ["sayer", "calling", "tolled", "rebels", "reportedly", "according", "so", "listed", "lists"];
        foreach (string word in words)
            Assert.That(CueLexicon.IsCue(word, NgramHasher.HashToken(word)), Is.EqualTo(CueLexicon.IsCue(word)), word);
    }

    [Test]
    public void NormalizesCaseWidthAndOptionallyDiacritics()
    {
        Assert.That(TextNormalizer.Normalize("ＲＥＢＥＬＳ Rebels"), Is.EqualTo("rebels rebels"));
        Assert.That(TextNormalizer.Normalize("Bogotá 2024"), Is.EqualTo("bogotá 2024"));
        Assert.That(TextNormalizer.Normalize("Bogotá 2024", removeDiacritics: true), Is.EqualTo("bogota 2024"));
    }

    [Test]
    public void EmptyAndWhitespaceTextGivesNoTokens()
    {
        Assert.That(Tokens(""), Is.Empty);
        Assert.That(Tokens("   \t "), Is.Empty);
    }

    [Test]
    public void LoneSurrogatesBecomeReplacementCharacters()
    {
        Assert.That(TextNormalizer.Normalize("Cut \ud83d here"), Is.EqualTo("cut \ufffd here"));
        Assert.That(TextNormalizer.Normalize("\ude00 ＲＥＢＥＬＳ \ud83d"), Is.EqualTo("\ufffd rebels \ufffd"));
        Assert.That(TextNormalizer.Normalize("Bogotá \ud83d", removeDiacritics: true), Is.EqualTo("bogota \ufffd"));
        Assert.That(TextNormalizer.Normalize("Rebels 🙂 ＲＥＢＥＬＳ"), Is.EqualTo("rebels 🙂 rebels"), "pairs are kept");
    }
}
