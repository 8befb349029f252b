using NUnit.Framework;

namespace FramingClassifier.Tests;

public sealed class SentenceSplitterTests
{
    private static string[] Split(string text) => SentenceSplitter.Sentences(text).ToArray();

    [Test]
    public void SplitsAtTerminatorsFollowedByACapital()
    {
        Assert.That(Split("Rebels took the town. Officials fled! Was it planned? Nobody knows…  It is over."),
            Is.EqualTo(new[] { "Rebels took the town.", "Officials fled!", "Was it planned?", "Nobody knows…", "It is over." }));
    }

    [TestCase("Gen. Omar Haddad and Lt. Col. Reyes met Mr. Brown and Dr. Ahmed in the capital.")]
    [TestCase("The envoy of the U.S. Army and the U.N. Security Council spoke at 5 p.m. on Tuesday.")]
    [TestCase("John F. Kennedy and J. R. R. Tolkien were mentioned.")]
    [TestCase("Prices rose 3.5 percent, or $2.75 a litre, in No. 5 district.")]
    [TestCase("Talks resumed on Jan. 5 after the group, i.e. the militia, withdrew.")]
    [TestCase("He paused... then said nothing.")]
    [TestCase("\"Why now?\" he asked the commander.")]
    [TestCase("ORLANDO, Fla. (AP) -- The gunman opened fire inside the club before dawn.")]
    [TestCase("Democrats vowed to write Roe v. Wade into federal law if they won.")]
    public void AbbreviationsInitialsAndDecimalsDoNotEndASentence(string sentence)
    {
        Assert.That(Split(sentence), Is.EqualTo(new[] { sentence }));
    }

    [Test]
    public void AnAmbiguousAbbreviationEndsASentenceBeforeACommonOpener()
    {
        Assert.That(Split("The minister flew to the U.S. The talks failed. Acme Inc. The firm denied it."),
            Is.EqualTo(new[] { "The minister flew to the U.S.", "The talks failed.", "Acme Inc.", "The firm denied it." }));
    }

    [Test]
    public void ClosingQuotesAndBracketsStayWithTheirSentence()
    {
        Assert.That(Split("“We will not leave.” The rebels stayed. (They held the bridge.) Then talks began."),
            Is.EqualTo(new[] { "“We will not leave.”", "The rebels stayed.", "(They held the bridge.)", "Then talks began." }));
    }

    [Test]
    public void AQuotationThatSpansSentencesIsCarriedOver()
    {
        const string text = "The commander said: “We will fight. We will win. Nobody can stop us.” Then he left.";
        List<SentenceSpan> spans = SentenceSplitter.Split(text);
        Assert.That(spans.Select(s => s.TextOf(text)), Is.EqualTo(new[]
        {
            "The commander said: “We will fight.", "We will win.", "Nobody can stop us.”", "Then he left.",
        }));
        Assert.That(spans.Select(s => s.OpenQuote), Is.EqualTo(new[] { '\0', '“', '“', '\0' }));
        Assert.That(spans[1].ModelInputOf(text), Is.EqualTo("“We will win."));
        Assert.That(spans[3].ModelInputOf(text), Is.EqualTo("Then he left."));
    }

    [Test]
    public void StraightQuotesAreTrackedToo()
    {
        const string text = "He said: \"We stay. We fight.\" Officials denied it.";
        List<SentenceSpan> spans = SentenceSplitter.Split(text);
        Assert.That(spans.Select(s => s.ContinuesQuote), Is.EqualTo(new[] { false, true, false }));
        Assert.That(spans[1].ModelInputOf(text), Is.EqualTo("\"We fight.\""));
    }

    [Test]
    public void ABlankLineEndsASentenceAndClosesAnOpenQuotation()
    {
        const string text = "GUNMEN STORM PORT\n\n“They came at night. We ran.\r\n\r\nOfficials said the port was retaken\nby noon. Nobody was hurt.";
        List<SentenceSpan> spans = SentenceSplitter.Split(text);
        Assert.That(spans.Select(s => s.TextOf(text)), Is.EqualTo(new[]
        {
            "GUNMEN STORM PORT", "“They came at night.", "We ran.", "Officials said the port was retaken\nby noon.", "Nobody was hurt.",
        }));
        Assert.That(spans.Select(s => s.ContinuesQuote), Is.EqualTo(new[] { false, false, true, false, false }));
    }

    [TestCase("")]
    [TestCase("   \n\n  ")]
    public void EmptyTextHasNoSentences(string text) => Assert.That(Split(text), Is.Empty);

    [Test]
    public void TextWithoutTerminatorIsOneSentenceAndSpansIndexTheDocument()
    {
        const string text = "  Rebels advance on the capital  ";
        List<SentenceSpan> spans = SentenceSplitter.Split(text);
        Assert.That(spans, Is.EqualTo(new[] { new SentenceSpan(2, 29, '\0') }));
    }

    [Test]
    public void ASingleNewlineAfterAHeadlineEndsIt()
    {
        Assert.That(Split("REBELS TAKE THE CITY\nRebels entered the city on Monday. Officials fled."),
            Is.EqualTo(new[] { "REBELS TAKE THE CITY", "Rebels entered the city on Monday.", "Officials fled." }));
        Assert.That(Split("Rebels took the\ncity on Monday, officials said,\n“and left.”"), Has.Length.EqualTo(1), "a line wrapped inside a sentence");
    }
}
