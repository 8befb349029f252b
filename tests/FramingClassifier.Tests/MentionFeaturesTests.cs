using NUnit.Framework;

namespace FramingClassifier.Tests;

public sealed class MentionFeaturesTests
{
    private static (string Text, Token[] Tokens) Tokenize(string sentence)
    {
        var chars = new char[sentence.Length * 3 + 16];
        int length = TextNormalizer.Normalize(sentence, false, ref chars);
        string text = new(chars, 0, length);
        var tokens = new Token[16];
        int count = Tokenizer.Tokenize(text, ref tokens);
        return (text, tokens[..count]);
    }

    private static (string Word, DesignationClass Class) Decide(string sentence)
    {
        var (text, tokens) = Tokenize(sentence);
        var (t, c, _, _) = MentionFeatures.Decide(text, tokens);
        return (t < 0 ? "" : text.Substring(tokens[t].Start, tokens[t].Length), c);
    }

    private static MentionFeatures.Owner Owner(string sentence)
    {
        var (text, tokens) = Tokenize(sentence);
        var (t, _, _, _) = MentionFeatures.Decide(text, tokens);
        return MentionFeatures.OwnerOf(text, tokens, t);
    }

    [TestCase("The rebel militants crossed the river at dawn.", "rebel", DesignationClass.Rebel)]
    [TestCase("An Islamist terrorist group claimed the bombing.", "terrorist", DesignationClass.Terrorist)]
    [TestCase("The rebels led by extremist Islamists took the town.", "extremist", DesignationClass.Jihadist)]
    [TestCase("Insurgents, whom he called terrorists, hold the road.", "terrorists", DesignationClass.Terrorist)]
    [TestCase("Armed men stormed the clinic.", "armed", DesignationClass.Insurgent)]
    [TestCase("Opposition forces entered the square.", "opposition", DesignationClass.Rebel)]
    [TestCase("Self-defence forces patrol the village.", "self", DesignationClass.Rebel)]
    [TestCase("An al-Qaeda-linked cell was broken up.", "qaeda", DesignationClass.Jihadist)]
    [TestCase("The armed forces retook the airport.", "", DesignationClass.None)]
    [TestCase("The port has been under blockade since March.", "", DesignationClass.None)]
    public void TheDecidingDesignationFollowsTheCodebooksPrecedence(string sentence, string word, DesignationClass expected)
    {
        Assert.That(Decide(sentence), Is.EqualTo((word, expected)));
    }

    [TestCase("The counter-terrorism coordinator met the senators on Tuesday.", "terrorism", true)]
    [TestCase("Troops began an anti-terrorist operation against the group.", "terrorist", false)]
    [TestCase("The counterterrorism chief said the militants had fled.", "militants", false)]
    [TestCase("She spent the war on terror years at the State Department.", "terror", true)]
    [TestCase("The radical left wants a radical overhaul of the tax code.", "radical", true)]
    [TestCase("Radical Islamists seized the town.", "radical", false)]
    [TestCase("Tory rebels voted against the budget.", "rebels", true)]
    [TestCase("Rebel MPs voted against the budget for the third time.", "rebel", true)]
    [TestCase("The rebels shelled the town.", "rebels", false)]
    [TestCase("The plan met resistance from donors.", "resistance", true)]
    [TestCase("Drug gangs recruit teenagers in the city.", "gangs", true)]
    [TestCase("Iran's Revolutionary Guards seized the tanker.", "revolutionary", true)]
    [TestCase("An insurgent candidate won the primary.", "insurgent", true)]
    [TestCase("The bill funds programs to counter radical Islamist ideology online.", "radical", true)]
    [TestCase("Radical Islamist militants seized the town.", "radical", false)]
    [TestCase("The senator called them ideological extremists.", "extremists", true)]
    public void TellsTheNonArmedSenseOfADesignationWord(string sentence, string word, bool otherSense)
    {
        var (text, tokens) = Tokenize(sentence);
        var (t, _, _, other) = MentionFeatures.Decide(text, tokens);
        Assert.That((text.Substring(tokens[t].Start, tokens[t].Length), other), Is.EqualTo((word, otherSense)));
    }

    [TestCase("Separatists fired the missile from the roof, a senior military official said.", MentionFeatures.Owner.Trailing)]
    [TestCase("Rebels Seize Border Town, Army Says", MentionFeatures.Owner.Trailing)]
    [TestCase("The ministry branded the protesters terrorists on Tuesday.", MentionFeatures.Owner.Labelled)]
    [TestCase("The rebels said they had opened a corridor.", MentionFeatures.Owner.Speaker)]
    [TestCase("\"These gangs will be wiped out,\" the governor told reporters.", MentionFeatures.Owner.Quoted)]
    [TestCase("Officials in Kano are blaming the blast on Islamist militants from the hills.", MentionFeatures.Owner.ClauseCue)]
    [TestCase("Critics slammed the minister for meeting the rebels in Geneva.", MentionFeatures.Owner.ClauseCue)]
    [TestCase("The senator characterized the protesters as terrorists.", MentionFeatures.Owner.Labelled)]
    public void FindsTheOwnerCueOfTheDesignation(string sentence, MentionFeatures.Owner cue)
    {
        Assert.That(Owner(sentence) & cue, Is.EqualTo(cue), Owner(sentence).ToString());
    }

    [TestCase("Militants from the group overran two army posts near the border before dawn.")]
    [TestCase("Erdogan, whose country backs the rebels, said the talks would resume.")]
    public void NarrationHasNoOwnerCue(string sentence)
    {
        Assert.That(Owner(sentence), Is.EqualTo(MentionFeatures.Owner.Plain));
    }

    // The featurizer tallies the designations in its own pass over the tokens; its features must name the word Decide picks.
    [TestCase("The rebels led by extremist Islamists took the town.")]
    [TestCase("Insurgents, whom he called terrorists, hold the road.")]
    [TestCase("Party rebels voted down the budget.")]
    [TestCase("Party rebels met in Geneva as gunmen stormed the town hall.")]
    [TestCase("Drug gangs and radical Islamist militants fought over the port.")]
    [TestCase("The port has been under blockade since March.")]
    public void TheFeaturizerDecidesAsDecideDoes(string sentence)
    {
        var (text, tokens) = Tokenize(sentence);
        var (t, c, _, otherSense) = MentionFeatures.Decide(text, tokens);
        var sink = new NamedFeatures();
        int seen = Featurizer.Extract(FeaturizerOptions.Default with { MentionFeatures = true }, text, tokens, ref sink);
        Assert.That(seen, Is.EqualTo(MentionFeatures.ClassesSeen(text, tokens)));
        int[] at = sink.Origins.Where(o => o.Kind == FeatureKind.Mention).Select(o => o.FirstToken).Distinct().ToArray();
        Assert.That(at, Is.EqualTo(t < 0 ? Array.Empty<int>() : new[] { t }));
        if (t < 0) return;
        string name = c.ToString().ToLowerInvariant();
        Assert.That(sink.Names(text, tokens), Does.Contain(otherSense ? $"[{name} word, non-armed sense]" : $"[designation {name}]"));
    }

    [Test]
    public void MentionFeaturesAreEmittedOnlyWhenAskedForAndNamedInExplanations()
    {
        var (text, tokens) = Tokenize("Gunmen attacked a checkpoint, the interior ministry said.");
        var off = new NamedFeatures();
        Featurizer.Extract(FeaturizerOptions.Default, text, tokens, ref off);
        var on = new NamedFeatures();
        Featurizer.Extract(FeaturizerOptions.Default with { MentionFeatures = true }, text, tokens, ref on);
        string[] added = on.Names(text, tokens).Except(off.Names(text, tokens)).ToArray();
        Assert.That(off.Origins.Any(o => o.Kind is FeatureKind.Mention or FeatureKind.MentionWord), Is.False);
        Assert.That(added, Does.Contain("[designation insurgent trailing]"));
        Assert.That(added, Does.Contain("[designation trailing]"));
        Assert.That(added, Does.Contain("[has insurgent]"));
        Assert.That(added, Does.Contain("after-designation:attacked"));
    }

    private struct NamedFeatures() : IFeatureSink
    {
        public List<FeatureOrigin> Origins = [];

        public static bool RecordsOrigins => true;

        public void Add(uint bucket) => throw new NotSupportedException();

        public void Add(uint bucket, in FeatureOrigin origin) => Origins.Add(origin);

        public IEnumerable<string> Names(string text, Token[] tokens)
        {
            foreach (FeatureOrigin o in Origins) yield return Featurizer.Describe(o, text, tokens);
        }
    }
}
