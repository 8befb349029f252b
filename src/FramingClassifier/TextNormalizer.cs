using System.Buffers;
using System.Globalization;
using System.Text;

namespace FramingClassifier;

/// <summary>
/// NFKC normalization, simple case folding and optional diacritic removal. Digits are kept; a lone
/// UTF-16 surrogate becomes U+FFFD. ASCII input, the common case, takes a path that allocates nothing.
/// </summary>
public static class TextNormalizer
{
    /// <summary>Normalizes <paramref name="text"/> into <paramref name="buffer"/>, growing it if needed; returns the length written.</summary>
    public static int Normalize(ReadOnlySpan<char> text, bool removeDiacritics, ref char[] buffer)
    {
        if (!System.Text.Ascii.IsValid(text))
            return NormalizeUnicode(text, removeDiacritics, ref buffer);
        EnsureCapacity(ref buffer, text.Length);
        // ASCII is already NFKC and has no diacritics.
        return System.Text.Ascii.ToLower(text, buffer, out int written) == OperationStatus.Done ? written : 0;
    }

    /// <summary>Normalizes a string; convenient where allocation does not matter.</summary>
    public static string Normalize(string text, bool removeDiacritics = false)
    {
        char[] buffer = [];
        int n = Normalize(text, removeDiacritics, ref buffer);
        return new string(buffer, 0, n);
    }

    private static int NormalizeUnicode(ReadOnlySpan<char> text, bool removeDiacritics, ref char[] buffer)
    {
        // Unicode normalization throws on a lone surrogate (a string cut inside an emoji), so it
        // becomes U+FFFD first, as a UTF-8 decoder would make it; well-formed text is not copied.
        if (text.IndexOfAnyInRange('\uD800', '\uDFFF') >= 0 && ReplaceLoneSurrogates(text) is { } repaired)
            text = repaired;
        if (removeDiacritics)
            return LowerInto(StripDiacritics(text.ToString()), ref buffer);
        if (AllStable(text))
            return LowerInto(text, ref buffer);
        EnsureCapacity(ref buffer, text.GetNormalizedLength(NormalizationForm.FormKC));
        text.TryNormalize(buffer, out int written, NormalizationForm.FormKC);
        for (int i = 0; i < written; i++)
            buffer[i] = char.ToLowerInvariant(buffer[i]);
        return written;
    }

    // Null when every surrogate is half of a pair.
    private static string? ReplaceLoneSurrogates(ReadOnlySpan<char> text)
    {
        char[]? copy = null;
        for (int i = 0; i < text.Length; i++)
        {
            if (!char.IsSurrogate(text[i])) continue;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            copy ??= text.ToArray();
            copy[i] = '\uFFFD';
        }
        return copy is null ? null : new string(copy);
    }

    // Latin, Greek, Cyrillic and Arabic letters and general punctuation (curly quotes, dashes) that
    // NFKC leaves alone and that never compose with a neighbour: text made only of these is already
    // NFKC, which lets news text in those scripts skip normalization and allocate nothing.
    private static readonly (int Start, bool[] Stable)[] StableBlocks =
        [Block(0x80, 0x6FF), Block(0x2000, 0x20CF)];

    private static (int, bool[]) Block(int first, int last)
    {
        var stable = new bool[last - first + 1];
        for (int c = first; c <= last; c++)
        {
            string s = ((char)c).ToString();
            UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(s, 0);
            stable[c - first] = category is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
                && s.Normalize(NormalizationForm.FormKC) == s;
        }
        return (first, stable);
    }

    private static bool AllStable(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (c < 0x80) continue;
            bool known = false;
            foreach (var (start, stable) in StableBlocks)
            {
                int i = c - start;
                if ((uint)i < (uint)stable.Length) { known = stable[i]; break; }
            }
            if (!known) return false;
        }
        return true;
    }

    private static int LowerInto(ReadOnlySpan<char> text, ref char[] buffer)
    {
        EnsureCapacity(ref buffer, text.Length);
        for (int i = 0; i < text.Length; i++)
            buffer[i] = char.ToLowerInvariant(text[i]);
        return text.Length;
    }

    private static string StripDiacritics(string s)
    {
        string decomposed = s.Normalize(NormalizationForm.FormKD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (char c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                sb.Append(c);
        }
        return sb.ToString().Normalize(NormalizationForm.FormKC);
    }

    private static void EnsureCapacity(ref char[] buffer, int length)
    {
        if (buffer.Length < length)
            buffer = new char[Math.Max(length, buffer.Length * 2)];
    }
}
