namespace FramingClassifier;

/// <summary>
/// Splits news text into sentences, so that whole articles can be scored sentence by sentence.
/// </summary>
/// <remarks>
/// A sentence ends at . ! ? or … (runs of them too), with any closing quotation marks and brackets that
/// follow, when white space and then a word that can open a sentence come next; a blank line always ends
/// one, and so does a single line break after a line without a terminator (a headline). A period after a title or rank (Mr., Gen., Lt.) never does, nor one between digits (3.5) or
/// before a number after "No." or a month. After a dotted abbreviation (U.S., e.g.), an initial (John F.
/// Kennedy) or an abbreviation such as Inc. or Jr., the sentence ends only if a word that usually opens
/// a sentence follows ("...fled to the U.S. The next day"). Double quotation marks are tracked across
/// sentences: a sentence inside a quotation that began earlier carries the open mark in
/// <see cref="SentenceSpan.OpenQuote"/>. A blank line closes any quotation left open.
/// </remarks>
/// <example><code>
/// string article = "Gen. Omar said the U.S. envoy left. \"We will stay. We will fight.\" Then he left.";
/// foreach (SentenceSpan s in SentenceSplitter.Split(article))
///     Console.WriteLine(s.TextOf(article));
/// </code></example>
public static class SentenceSplitter
{
    /// <summary>The sentences of <paramref name="text"/>, in order.</summary>
    public static List<SentenceSpan> Split(ReadOnlySpan<char> text)
    {
        var sentences = new List<SentenceSpan>();
        Split(text, sentences);
        return sentences;
    }

    /// <summary>Appends the sentences of <paramref name="text"/> to <paramref name="sentences"/>, so a caller can reuse one list.</summary>
    public static void Split(ReadOnlySpan<char> text, List<SentenceSpan> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var quotes = new QuoteState();
        int start = SkipSpace(text, 0);
        char openAtStart = '\0';
        int i = start;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '\n' && IsParagraphBreak(text, i, out int afterBreak))
            {
                Emit(text, start, i, openAtStart, sentences);
                quotes = default;
                start = i = SkipSpace(text, afterBreak);
                openAtStart = '\0';
                continue;
            }
            if (c == '\n' && quotes.Open == '\0' && EndsHeadline(text, start, i))
            {
                Emit(text, start, i, openAtStart, sentences);
                start = i = SkipSpace(text, i + 1);
                openAtStart = '\0';
                continue;
            }
            if (!IsTerminator(c))
            {
                quotes.Visit(c);
                i++;
                continue;
            }
            int end = i + 1;
            while (end < text.Length && IsTerminator(text[end])) end++;
            bool singlePeriod = c == '.' && end == i + 1;
            end = ConsumeClosers(text, end, ref quotes);
            int next = SkipSpace(text, end);
            if (IsBoundary(text, i, end, next, singlePeriod))
            {
                Emit(text, start, end, openAtStart, sentences);
                start = next;
                openAtStart = quotes.Open;
            }
            i = end;
        }
        Emit(text, start, text.Length, openAtStart, sentences);
    }

    /// <summary>The sentences of <paramref name="text"/> as strings; convenient where allocation does not matter.</summary>
    public static IEnumerable<string> Sentences(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Split(text).Select(s => s.TextOf(text));
    }

    private static bool IsBoundary(ReadOnlySpan<char> text, int terminator, int end, int next, bool singlePeriod)
    {
        if (end < text.Length && !char.IsWhiteSpace(text[end])) return false; // 3.5, U.S.A, example.com
        if (next >= text.Length) return true;
        if (!CanOpenSentence(text[next])) return false;
        if (!singlePeriod) return true;
        ReadOnlySpan<char> before = WordBefore(text, terminator);
        if (Abbreviations.IsTitle(before)) return false;
        if (Abbreviations.IsBeforeNumber(before) && char.IsDigit(text[next])) return false;
        if (Abbreviations.IsAmbiguous(before)) return Abbreviations.IsSentenceStarter(WordAt(text, next));
        return true;
    }

    // A quotation mark or bracket right after the terminator belongs to the sentence it ends.
    private static int ConsumeClosers(ReadOnlySpan<char> text, int i, ref QuoteState quotes)
    {
        while (i < text.Length)
        {
            char c = text[i];
            if (c is '"' or '”' or '»')
                quotes.Close(c);
            else if (c is not (')' or ']' or '\'' or '’' or '›'))
                break;
            i++;
        }
        return i;
    }

    private static bool CanOpenSentence(char c) =>
        char.IsLetterOrDigit(c) ? !char.IsLower(c) : IsOpener(c) || char.IsSymbol(c) || c is '-' or '–' or '—' or '•';

    private static bool IsOpener(char c) => c is '"' or '“' or '„' or '«' or '‘' or '\'' or '‹' or '(' or '[';

    private static bool IsTerminator(char c) => c is '.' or '!' or '?' or '…';

    // The letters, digits and dots right before index i: "Gen", "U.S", "F", "2004".
    private static ReadOnlySpan<char> WordBefore(ReadOnlySpan<char> text, int i)
    {
        int j = i;
        while (j > 0 && (char.IsLetterOrDigit(text[j - 1]) || text[j - 1] == '.')) j--;
        return text[j..i];
    }

    // The word that starts at i, after any opening quotation marks or brackets.
    private static ReadOnlySpan<char> WordAt(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length && IsOpener(text[i])) i++;
        int j = i;
        while (j < text.Length && char.IsLetter(text[j])) j++;
        return text[i..j];
    }

    // A line that ends without a terminator or a comma, colon, semicolon or dash, before a line that can
    // open a sentence, is a headline (or a dateline, a caption): it ends there. A line wrapped inside a
    // sentence before a capitalized word ("talks with\nPresident Ruto") is split too; news text rarely
    // wraps lines.
    private static bool EndsHeadline(ReadOnlySpan<char> text, int start, int newline)
    {
        int end = newline;
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        if (end <= start) return false;
        char last = text[end - 1];
        if (!char.IsLetterOrDigit(last) && last is not ('"' or '”' or '’' or '\'' or ')' or '»')) return false;
        int next = SkipSpace(text, newline + 1);
        return next < text.Length && CanOpenSentence(text[next]);
    }

    private static bool IsParagraphBreak(ReadOnlySpan<char> text, int newline, out int after)
    {
        int j = newline + 1;
        while (j < text.Length && text[j] is ' ' or '\t' or '\r') j++;
        after = j + 1;
        return j < text.Length && text[j] == '\n';
    }

    private static int SkipSpace(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
        return i;
    }

    private static void Emit(ReadOnlySpan<char> text, int start, int end, char openQuote, List<SentenceSpan> sentences)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        if (end > start) sentences.Add(new SentenceSpan(start, end - start, openQuote));
    }

    /// <summary>Double quotation marks open at the current position: straight marks toggle, “ „ « open and ” » close.</summary>
    private struct QuoteState
    {
        private int _depth;

        /// <summary>The outermost open mark; '\0' when no quotation is open.</summary>
        public char Open { get; private set; }

        public void Visit(char c)
        {
            if (c is '“' or '„' or '«' || (c == '"' && _depth == 0)) OpenWith(c);
            else if (c is '”' or '»' || (c == '"' && Open == '"')) Close(c);
        }

        /// <summary>A closing mark after a terminator: it closes a quotation if one is open, and never opens one.</summary>
        public void Close(char c)
        {
            if (_depth == 0 || (c == '"' && Open != '"')) return;
            if (--_depth == 0) Open = '\0';
        }

        private void OpenWith(char c)
        {
            if (_depth++ == 0) Open = c;
        }
    }
}
