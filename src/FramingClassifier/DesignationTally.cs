using System.Runtime.CompilerServices;

namespace FramingClassifier;

/// <summary>
/// The designation words of a sentence, observed one word at a time in token order: which classes
/// occur in any sense, and which word decides (<see cref="MentionFeatures.Decide"/>). The featurizer
/// keeps one as it walks the tokens, so the mention features need no pass of their own.
/// </summary>
internal struct DesignationTally()
{
    private int _best = -1, _other = -1, _present;
    private DesignationClass _top, _otherTop;

    /// <summary>A bit per <see cref="DesignationClass"/> observed, in any sense.</summary>
    public int Seen { get; private set; }

    /// <summary>
    /// Classifies word token <paramref name="t"/> (<see cref="DesignationLexicon.Classify"/>, <see cref="DesignationSense.IsOtherSense"/>)
    /// and records it; returns whether it is a designation word in a non-armed sense.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Observe(ReadOnlySpan<char> text, ReadOnlySpan<Token> tokens, int t)
    {
        DesignationClass c = DesignationLexicon.Classify(text, tokens, t);
        bool otherSense = c != DesignationClass.None && DesignationSense.IsOtherSense(text, tokens, t);
        Observe(t, c, otherSense);
        return otherSense;
    }

    /// <summary>Records that token <paramref name="t"/> designates <paramref name="c"/> (None: no designation), in a non-armed sense or not.</summary>
    public void Observe(int t, DesignationClass c, bool otherSense)
    {
        if (c == DesignationClass.None) return;
        Seen |= 1 << (int)c;
        if (otherSense)
        {
            if (c > _otherTop) (_otherTop, _other) = (c, t);
            return;
        }
        _present |= 1 << (int)c;
        if (c > _top) (_top, _best) = (c, t);
    }

    /// <summary>The deciding word: a word in a non-armed sense decides only when no other designation does.</summary>
    public readonly (int Token, DesignationClass Class, int ClassesPresent, bool OtherSense) Decision =>
        _best < 0 && _other >= 0 ? (_other, _otherTop, 0, true) : (_best, _top, _present, false);
}
