using System.Collections.Frozen;

namespace FramingClassifier;

/// <summary>
/// The codebook's designation classes, numbered in its precedence: a higher class wins when a
/// sentence uses several designations.
/// </summary>
public enum DesignationClass : byte
{
    /// <summary>No designation word.</summary>
    None = 0,
    /// <summary>Neutral military words: insurgents, militants, militias, gunmen, fighters, armed groups.</summary>
    Insurgent = 1,
    /// <summary>Political challengers: rebels, separatists, the opposition forces, resistance, freedom fighters.</summary>
    Rebel = 2,
    /// <summary>Religious-ideological extremists: jihadists, Islamists, extremists, radicals, takfiris.</summary>
    Jihadist = 3,
    /// <summary>Terror and crime words: terrorists, terror groups, gangs, bandits, infiltrators.</summary>
    Terrorist = 4,
}

/// <summary>
/// The codebook's "typical words" for each designation class, matched on normalized, lower-case
/// tokens. Whether a word means armed actors in a given sentence is left to the model: the lexicon
/// only says which class the word would give.
/// </summary>
public static class DesignationLexicon
{
    private static readonly FrozenDictionary<string, DesignationClass> Words = new Dictionary<string, DesignationClass>
    {
        ["terror"] = DesignationClass.Terrorist, ["terrorist"] = DesignationClass.Terrorist, ["terrorists"] = DesignationClass.Terrorist,
        ["terrorism"] = DesignationClass.Terrorist, ["counterterrorism"] = DesignationClass.Terrorist, ["counterterror"] = DesignationClass.Terrorist,
        ["narcoterrorist"] = DesignationClass.Terrorist, ["narcoterrorists"] = DesignationClass.Terrorist, ["narcoterrorism"] = DesignationClass.Terrorist,
        ["terrorised"] = DesignationClass.Terrorist, ["terrorized"] = DesignationClass.Terrorist,
        ["bandit"] = DesignationClass.Terrorist, ["bandits"] = DesignationClass.Terrorist,
        ["gang"] = DesignationClass.Terrorist, ["gangs"] = DesignationClass.Terrorist,
        ["infiltrator"] = DesignationClass.Terrorist, ["infiltrators"] = DesignationClass.Terrorist,
        ["jihad"] = DesignationClass.Jihadist, ["jihadi"] = DesignationClass.Jihadist, ["jihadis"] = DesignationClass.Jihadist,
        ["jihadist"] = DesignationClass.Jihadist, ["jihadists"] = DesignationClass.Jihadist,
        ["islamist"] = DesignationClass.Jihadist, ["islamists"] = DesignationClass.Jihadist,
        ["extremist"] = DesignationClass.Jihadist, ["extremists"] = DesignationClass.Jihadist, ["extremism"] = DesignationClass.Jihadist,
        ["radical"] = DesignationClass.Jihadist, ["radicals"] = DesignationClass.Jihadist,
        ["takfiri"] = DesignationClass.Jihadist, ["takfiris"] = DesignationClass.Jihadist,
        ["mujahideen"] = DesignationClass.Jihadist, ["mujahedeen"] = DesignationClass.Jihadist, ["mujahidin"] = DesignationClass.Jihadist,
        ["rebel"] = DesignationClass.Rebel, ["rebels"] = DesignationClass.Rebel, ["rebellion"] = DesignationClass.Rebel,
        ["separatist"] = DesignationClass.Rebel, ["separatists"] = DesignationClass.Rebel,
        ["revolutionary"] = DesignationClass.Rebel, ["revolutionaries"] = DesignationClass.Rebel,
        ["resistance"] = DesignationClass.Rebel,
        ["insurgent"] = DesignationClass.Insurgent, ["insurgents"] = DesignationClass.Insurgent, ["insurgency"] = DesignationClass.Insurgent,
        ["militant"] = DesignationClass.Insurgent, ["militants"] = DesignationClass.Insurgent,
        ["militia"] = DesignationClass.Insurgent, ["militias"] = DesignationClass.Insurgent,
        ["militiaman"] = DesignationClass.Insurgent, ["militiamen"] = DesignationClass.Insurgent,
        ["gunman"] = DesignationClass.Insurgent, ["gunmen"] = DesignationClass.Insurgent,
        ["fighters"] = DesignationClass.Insurgent, ["combatants"] = DesignationClass.Insurgent,
        ["faction"] = DesignationClass.Insurgent, ["factions"] = DesignationClass.Insurgent,
        ["paramilitary"] = DesignationClass.Insurgent, ["paramilitaries"] = DesignationClass.Insurgent,
        // Phrase heads: the class depends on the words that follow (see Classify).
        ["armed"] = PhraseHead, ["opposition"] = PhraseHead, ["freedom"] = PhraseHead, ["independence"] = PhraseHead,
        ["liberation"] = PhraseHead, ["self"] = PhraseHead, ["qaeda"] = PhraseHead,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private const DesignationClass PhraseHead = (DesignationClass)255;

    private static readonly FrozenDictionary<string, DesignationClass>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Words.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly TokenHashFilter Filter = new(Words.Keys);

    /// <summary>
    /// The class token <paramref name="t"/> of <paramref name="tokens"/> designates, from the word
    /// itself or from the phrase it opens ("armed groups", "opposition forces", "freedom fighters",
    /// "self-defence forces", "al-Qaeda-linked").
    /// </summary>
    public static DesignationClass Classify(ReadOnlySpan<char> text, ReadOnlySpan<Token> tokens, int t)
    {
        uint hash = tokens[t].Hash;
        if (!Filter.MayContain(hash)) return DesignationClass.None;
        ReadOnlySpan<char> word = Word(text, tokens, t);
        if (!Lookup.TryGetValue(word, out DesignationClass c)) return DesignationClass.None;
        if (c != PhraseHead) return c;
        ReadOnlySpan<char> next = Word(text, tokens, t + 1);
        return word switch
        {
            "armed" when next is "group" or "groups" or "men" or "bands" => DesignationClass.Insurgent,
            "opposition" when next is "forces" or "fighters" or "militias" or "groups" => DesignationClass.Rebel,
            "freedom" or "independence" when next is "fighters" => DesignationClass.Rebel,
            "liberation" when next is "forces" or "army" or "front" or "movement" or "fighters" => DesignationClass.Rebel,
            "self" when next is "-" && Word(text, tokens, t + 2) is "defence" or "defense" => DesignationClass.Rebel,
            "qaeda" when next is "-" && Word(text, tokens, t + 2) is "linked" or "affiliated" or "affiliate" or "allied" or "inspired"
                => DesignationClass.Jihadist,
            _ => DesignationClass.None,
        };
    }

    /// <summary>The text of token <paramref name="t"/>; empty outside the sentence.</summary>
    internal static ReadOnlySpan<char> Word(ReadOnlySpan<char> text, ReadOnlySpan<Token> tokens, int t) =>
        t >= 0 && t < tokens.Length ? text.Slice(tokens[t].Start, tokens[t].Length) : default;
}
