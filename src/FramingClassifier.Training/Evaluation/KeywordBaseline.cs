using System.Text.RegularExpressions;

namespace FramingClassifier.Training;

/// <summary>
/// The yardstick the default model must beat: regular expressions for the codebook's designation
/// words, tried in its precedence (terrorist &gt; jihadist &gt; rebel &gt; insurgent &gt; none); voice is
/// attributed when the deciding word stands inside quotation marks or after a reporting or labelling
/// cue; stance is against for a terrorist framing or an atrocity word, favor for a liberation word.
/// </summary>
public static partial class KeywordBaseline
{
    private static readonly (string Label, Regex Pattern)[] Framings =
    [
        ("terrorist", Terrorist()),
        ("jihadist", Jihadist()),
        ("rebel", Rebel()),
        ("insurgent", Insurgent()),
    ];

    /// <summary>The three labels for <paramref name="text"/>, keyed by head name (framing, voice, stance).</summary>
    public static IReadOnlyDictionary<string, string> Predict(string text)
    {
        string framing = "none", voice = "none";
        foreach (var (label, pattern) in Framings)
        {
            Match m = pattern.Match(text);
            if (!m.Success) continue;
            framing = label;
            voice = IsQuoted(text, m.Index) || Cue().IsMatch(text[..m.Index]) ? "attributed" : "outlet";
            break;
        }
        string stance = framing == "terrorist" || Against().IsMatch(text) ? "against" : Favor().IsMatch(text) ? "favor" : "neutral";
        return new Dictionary<string, string> { ["framing"] = framing, ["voice"] = voice, ["stance"] = stance };
    }

    // Inside a quotation when an odd number of straight double quotes, or more openers than closers, precede it.
    private static bool IsQuoted(string text, int index)
    {
        string before = text[..index];
        int straight = before.Count(c => c == '"');
        int open = before.Count(c => c is '“' or '«' or '‘');
        int close = before.Count(c => c is '”' or '»');
        return straight % 2 == 1 || open > close || (open == 0 && text.IndexOfAny(['”', '»'], index) >= 0 && text.IndexOfAny(['“', '«'], index) < 0);
    }

    [GeneratedRegex(@"\b(terror\w*|anti-terror\w*|counter-terror\w*|gangs?|bandits?|infiltrators?|criminals?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Terrorist();

    [GeneratedRegex(@"\b(jihadis?t?s?|islamists?|extremists?|radicals?|takfiris?|mujahideen|al-qaeda-(linked|affiliated))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Jihadist();

    [GeneratedRegex(@"\b(rebels?|rebellion|opposition (forces|fighters)|separatists?|independence fighters|self-defen[cs]e forces|revolutionar(y|ies)|freedom fighters|resistance|liberation forces)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Rebel();

    [GeneratedRegex(@"\b(insurgen(ts?|cy)|militants?|armed (groups?|men)|fighters|gunmen|militias?|militiamen|factions?|combatants)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Insurgent();

    [GeneratedRegex(@"\b(said|says|told|stated|reported|warned|claimed|announced|confirmed|described|called|calls|branded|labell?ed|designated|listed|so-called|according to)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Cue();

    [GeneratedRegex(@"\b(kill\w*|massacr\w*|atrocit\w*|execut\w*|behead\w*|kidnap\w*|abduct\w*|bomb\w*|loot\w*|burn\w*|rap(e|ed)|puppets?|threat\w*|terror\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Against();

    [GeneratedRegex(@"\b(liberat\w*|freed|releas\w*|cheer\w*|welcom\w*|celebrat\w*|heroe?s?|martyrs?|victor\w*|humanitarian corridor|popular support)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Favor();
}
