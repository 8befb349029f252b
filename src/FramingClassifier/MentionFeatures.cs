using System.Collections.Frozen;

namespace FramingClassifier;

/// <summary>
/// Features of the sentence's deciding designation: the highest-precedence word of
/// <see cref="DesignationLexicon"/>, and who owns it. They are a handful per sentence whatever its
/// length, so a designation deep inside a long sentence is not drowned by the words around it.
/// </summary>
/// <remarks>
/// Emitted with <see cref="FeatureKind.Mention"/> (an id: the classes present, the deciding class,
/// the deciding class with each owner cue, a word in a non-armed sense of <see cref="DesignationSense"/>,
/// the deciding class with or without violence in the sentence) and <see cref="FeatureKind.MentionWord"/>
/// (the words just before and after the deciding word, which tell "party rebels" from "rebel fighters",
/// and the word itself with or without violence in the sentence).
/// </remarks>
public static class MentionFeatures
{
    /// <summary>Where the deciding designation stands; each true cue is one feature.</summary>
    [Flags]
    public enum Owner
    {
        /// <summary>None of the cues below: the outlet's narration.</summary>
        Plain = 0,
        /// <summary>Inside quotation marks.</summary>
        Quoted = 1,
        /// <summary>After a reporting or labelling cue in the sentence.</summary>
        Reported = 2,
        /// <summary>After a reporting or labelling cue in its own clause.</summary>
        ClauseCue = 4,
        /// <summary>Within four words after a labelling word ("called", "branded", "so-called").</summary>
        Labelled = 8,
        /// <summary>Before a trailing attribution that ends the sentence ("..., an official said.").</summary>
        Trailing = 16,
        /// <summary>Just before a reporting verb, as its subject ("the rebels said").</summary>
        Speaker = 32,
    }

    /// <summary>Ids of <see cref="FeatureKind.Mention"/> features: HasClass + class, Top + class, OwnerBase + class * 8 + owner, AnyClassOwner + owner, OtherSense + class, Context + class * 2 + (sentence speaks of violence ? 1 : 0).</summary>
    internal const int HasClass = 0, Top = 8, OwnerBase = 16, AnyClassOwner = 64, OtherSense = 72, Context = 80;

    private const int Window = 4, TrailingTail = 14;

    private static readonly FrozenSet<string> LabellingWords = FrozenSet.Create(StringComparer.Ordinal,
    [
        "call", "calls", "called", "calling", "describe", "describes", "described", "describing", "brand", "brands",
        "branded", "branding", "label", "labels", "labelled", "labeled", "dubbed", "termed", "designated", "designate",
        "listed", "considered", "considers", "deemed", "characterized", "characterizes", "characterised", "characterises", "portrayed", "portrays", "tarred",
    ]);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Labelling =
        LabellingWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// The deciding designation of a tokenized sentence: its token index (-1 if none), class, the classes
    /// present, and whether it stands in a non-armed sense. A word in a non-armed sense decides only
    /// when no other designation does.
    /// </summary>
    public static (int Token, DesignationClass Class, int ClassesPresent, bool OtherSense) Decide(ReadOnlySpan<char> text, ReadOnlySpan<Token> tokens)
    {
        var tally = new DesignationTally();
        for (int t = 0; t < tokens.Length; t++)
            if (tokens[t].Has(TokenFlags.Word)) tally.Observe(text, tokens, t);
        return tally.Decision;
    }

    /// <summary>A bit per <see cref="DesignationClass"/> whose words the sentence contains, in any sense.</summary>
    public static int ClassesSeen(ReadOnlySpan<char> text, ReadOnlySpan<Token> tokens)
    {
        var tally = new DesignationTally();
        for (int t = 0; t < tokens.Length; t++)
            if (tokens[t].Has(TokenFlags.Word)) tally.Observe(t, DesignationLexicon.Classify(text, tokens, t), otherSense: false);
        return tally.Seen;
    }

    /// <summary>Who owns the designation at token <paramref name="t"/>.</summary>
    public static Owner OwnerOf(ReadOnlySpan<char> text, ReadOnlySpan<Token> tokens, int t)
    {
        Owner owner = Owner.Plain;
        if (tokens[t].Has(TokenFlags.InQuote)) owner |= Owner.Quoted;
        if (tokens[t].Has(TokenFlags.InReportScope)) owner |= Owner.Reported;
        int clauseStart = t;
        while (clauseStart > 0 && !IsClauseBreak(text, tokens[clauseStart - 1])) clauseStart--;
        for (int k = clauseStart; k < t; k++)
        {
            if (tokens[k].Has(TokenFlags.Cue)) owner |= Owner.ClauseCue;
            if (k >= t - Window && Labelling.Contains(Text(text, tokens[k]))) owner |= Owner.Labelled;
        }
        for (int k = t + 1; k < tokens.Length && k <= t + Window && !IsClauseBreak(text, tokens[k]); k++)
            if (tokens[k].Has(TokenFlags.Cue)) { owner |= Owner.Speaker; break; }
        bool relative = clauseStart < t && IsRelativePronoun(Text(text, tokens[clauseStart]));
        if (!relative && HasTrailingAttribution(text, tokens, t)) owner |= Owner.Trailing;
        return owner;
    }

    /// <summary>Emits the mention features of a tokenized sentence whose designation words <paramref name="tally"/> has observed.</summary>
    internal static void Extract<TSink>(ReadOnlySpan<char> text, ReadOnlySpan<Token> tokens, in DesignationTally tally, uint buckets, ref TSink sink)
        where TSink : struct, IFeatureSink
    {
        var (t, top, present, otherSense) = tally.Decision;
        if (t < 0) return;
        bool violence = DesignationSense.SpeaksOfViolence(text, tokens);
        EmitId(Context + (int)top * 2 + (violence ? 1 : 0), t, buckets, ref sink);
        EmitWord(t, violence ? Side.ItselfAmidViolence : Side.Itself, tokens, buckets, ref sink);
        if (otherSense)
        {
            EmitId(OtherSense + (int)top, t, buckets, ref sink);
            EmitWords(t, tokens, buckets, ref sink);
            return;
        }
        for (int c = 1; c <= (int)DesignationClass.Terrorist; c++)
            if ((present & (1 << c)) != 0) EmitId(HasClass + c, t, buckets, ref sink);
        EmitId(Top + (int)top, t, buckets, ref sink);
        Owner owner = OwnerOf(text, tokens, t);
        if (owner == Owner.Plain) EmitOwner(0, (int)top, t, buckets, ref sink);
        for (int bit = 0; bit < 6; bit++)
            if (((int)owner & (1 << bit)) != 0) EmitOwner(bit + 1, (int)top, t, buckets, ref sink);
        EmitWords(t, tokens, buckets, ref sink);
    }

    private static void EmitWords<TSink>(int t, ReadOnlySpan<Token> tokens, uint buckets, ref TSink sink)
        where TSink : struct, IFeatureSink
    {
        if (t > 0) EmitWord(t - 1, Side.Before, tokens, buckets, ref sink);
        if (t + 1 < tokens.Length) EmitWord(t + 1, Side.After, tokens, buckets, ref sink);
    }

    private static void EmitOwner<TSink>(int owner, int top, int t, uint buckets, ref TSink sink)
        where TSink : struct, IFeatureSink
    {
        EmitId(OwnerBase + top * 8 + owner, t, buckets, ref sink);
        EmitId(AnyClassOwner + owner, t, buckets, ref sink);
    }

    private enum Side { Before = 1, After = 2, Itself = 3, ItselfAmidViolence = 4 }

    private static void EmitId<TSink>(int id, int t, uint buckets, ref TSink sink)
        where TSink : struct, IFeatureSink
        => Featurizer.Emit(ref sink, NgramHasher.Bucket(FeatureKind.Mention, (uint)id, buckets), FeatureKind.Mention, t, 0, id);

    private static void EmitWord<TSink>(int k, Side side, ReadOnlySpan<Token> tokens, uint buckets, ref TSink sink)
        where TSink : struct, IFeatureSink
        => Featurizer.Emit(ref sink, NgramHasher.Bucket(FeatureKind.MentionWord, NgramHasher.Combine((uint)side, tokens[k].Hash), buckets),
            FeatureKind.MentionWord, k, 1, (int)side);

    /// <summary>A readable name for a mention feature, for explanations.</summary>
    internal static string Describe(in FeatureOrigin origin, ReadOnlySpan<char> text, ReadOnlySpan<Token> tokens)
    {
        if (origin.Kind == FeatureKind.MentionWord)
            return (Side)origin.CharStart switch
            {
                Side.Before => "before-designation:",
                Side.After => "after-designation:",
                Side.Itself => "designation-without-violence:",
                _ => "designation-amid-violence:",
            } + Text(text, tokens[origin.FirstToken]).ToString();
        int id = origin.CharStart;
        return id switch
        {
            < Top => "[has " + ClassName(id - HasClass) + "]",
            < OwnerBase => "[designation " + ClassName(id - Top) + "]",
            < AnyClassOwner => "[designation " + ClassName((id - OwnerBase) / 8) + " " + OwnerName((id - OwnerBase) % 8) + "]",
            < OtherSense => "[designation " + OwnerName(id - AnyClassOwner) + "]",
            < Context => "[" + ClassName(id - OtherSense) + " word, non-armed sense]",
            _ => "[" + ClassName((id - Context) / 2) + " word, " + ((id - Context) % 2 == 1 ? "violence in the sentence]" : "no violence in the sentence]"),
        };
    }

    private static string ClassName(int c) => ((DesignationClass)c).ToString().ToLowerInvariant();

    private static string OwnerName(int owner) => owner == 0 ? "plain" : ((Owner)(1 << (owner - 1))).ToString().ToLowerInvariant();

    // The last clause ends the sentence, is short, holds a reporting cue and comes after the designation.
    private static bool HasTrailingAttribution(ReadOnlySpan<char> text, ReadOnlySpan<Token> tokens, int t)
    {
        int end = tokens.Length;
        while (end > 0 && !tokens[end - 1].Has(TokenFlags.Word)) end--;
        for (int k = end - 1; k > t && k >= end - TrailingTail; k--)
        {
            if (tokens[k].Has(TokenFlags.Word)) continue;
            if (!IsClauseBreak(text, tokens[k])) continue;
            for (int j = k + 1; j < end; j++)
                if (tokens[j].Has(TokenFlags.Cue)) return true;
            return false;
        }
        return false;
    }

    // A designation in a relative clause or apposition is background narration ("Erdogan, whose
    // country backs the rebels, said..."), not the content of the attribution that follows it.
    private static bool IsRelativePronoun(ReadOnlySpan<char> word) => word is "who" or "whose" or "whom" or "which";

    private static bool IsClauseBreak(ReadOnlySpan<char> text, Token token) =>
        !token.Has(TokenFlags.Word) && Text(text, token) is "," or ";" or ":" or "-" or "--" or "—" or "–";

    private static ReadOnlySpan<char> Text(ReadOnlySpan<char> text, Token token) => text.Slice(token.Start, token.Length);
}
