using System.Globalization;

namespace FramingClassifier;

/// <summary>
/// Splits normalized text into words, punctuation and quotation marks, and marks which tokens lie
/// inside a quotation or after a reporting cue. Every quotation mark (" “ ” „ ‘ ’ ‚ « » ‹ › ') is a token;
/// an apostrophe between two letters stays inside its word ("don't", "qaeda's").
/// </summary>
public static class Tokenizer
{
    /// <summary>Tokenizes <paramref name="text"/> (already normalized) into <paramref name="tokens"/>, growing it if needed; returns the count.</summary>
    public static int Tokenize(ReadOnlySpan<char> text, ref Token[] tokens)
    {
        int count = 0;
        var quotes = new QuoteTracker();
        bool inScope = false;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            int start = i;
            TokenFlags flags;
            if (IsWordChar(text, i))
            {
                i = EndOfWord(text, i);
                flags = TokenFlags.Word;
            }
            else if (IsQuoteMark(c))
            {
                i++;
                flags = TokenFlags.QuoteMark;
                if (quotes.Visit(text, start) == QuoteEvent.ClosedUnopened)
                    MarkAllInQuote(tokens, count);
            }
            else
            {
                i = char.IsHighSurrogate(c) && i + 1 < text.Length ? i + 2 : EndOfRun(text, i);
                flags = TokenFlags.None;
            }
            ReadOnlySpan<char> span = text[start..i];
            uint hash = NgramHasher.HashToken(span);
            if (quotes.Depth > 0 && (flags & TokenFlags.QuoteMark) == 0) flags |= TokenFlags.InQuote;
            if (inScope) flags |= TokenFlags.InReportScope;
            if ((flags & TokenFlags.Word) != 0 && CueLexicon.IsCue(span, hash))
            {
                flags |= TokenFlags.Cue;
                inScope = true;
            }
            if (count == tokens.Length) Array.Resize(ref tokens, Math.Max(16, tokens.Length * 2));
            tokens[count++] = new Token(start, span.Length, hash, flags);
        }
        return count;
    }

    /// <summary>True for every typography of quotation mark the codebook names.</summary>
    public static bool IsQuoteMark(char c) => c is '"' or '\'' or '“' or '”' or '„' or '‘' or '’' or '‚' or '«' or '»' or '‹' or '›';

    private static bool IsWordChar(ReadOnlySpan<char> text, int i)
    {
        char c = text[i];
        if (char.IsLetterOrDigit(c)) return true;
        return char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
    }

    private static int EndOfWord(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length)
        {
            if (IsWordChar(text, i)) { i++; continue; }
            bool apostrophe = (text[i] == '\'' || text[i] == '’') && i + 1 < text.Length && char.IsLetter(text[i + 1]);
            if (!apostrophe) break;
            i++;
        }
        return i;
    }

    // Runs of the same punctuation ("...", "!!") are one token.
    private static int EndOfRun(ReadOnlySpan<char> text, int i)
    {
        char c = text[i++];
        while (i < text.Length && text[i] == c) i++;
        return i;
    }

    // A closing mark with no opening one: the sentence continues a quotation begun in an
    // earlier sentence, so everything before the mark was quoted.
    private static void MarkAllInQuote(Token[] tokens, int count)
    {
        for (int t = 0; t < count; t++)
        {
            if (!tokens[t].Has(TokenFlags.QuoteMark))
                tokens[t] = tokens[t] with { Flags = tokens[t].Flags | TokenFlags.InQuote };
        }
    }
}
