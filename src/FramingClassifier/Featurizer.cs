using System.Runtime.CompilerServices;

namespace FramingClassifier;

/// <summary>
/// Turns a tokenized sentence into hashed feature occurrences: word n-grams, character n-grams
/// inside word boundaries, words inside quotations, words after reporting cues and sentence flags.
/// Stateless; counting, TF, IDF and L2 normalization happen where the features are consumed.
/// </summary>
public static class Featurizer
{
    /// <summary>Sentence flag ids used with <see cref="FeatureKind.SentenceFlag"/>.</summary>
    public enum SentenceFlag
    {
        /// <summary>The sentence contains a quotation mark.</summary>
        HasQuote = 1,
        /// <summary>The sentence contains a reporting or labelling cue.</summary>
        HasCue = 2,
        /// <summary>The sentence opens with a quotation mark (a quoted headline or a quote lead).</summary>
        OpensWithQuote = 3,
        /// <summary>The sentence ends inside an unclosed quotation (a quote that runs on).</summary>
        EndsInQuote = 4,
    }

    /// <summary>
    /// Emits every feature of the tokenized <paramref name="text"/> to <paramref name="sink"/>. Returns,
    /// with mention features, a bit per <see cref="DesignationClass"/> whose words the text contains
    /// (as <see cref="MentionFeatures.ClassesSeen"/>); without them, 0.
    /// </summary>
    public static int Extract<TSink>(in FeaturizerOptions options, ReadOnlySpan<char> text, ReadOnlySpan<Token> tokens, ref TSink sink)
        where TSink : struct, IFeatureSink
    {
        uint buckets = (uint)options.Buckets;
        var tally = new DesignationTally();
        for (int t = 0; t < tokens.Length; t++)
        {
            Token token = tokens[t];
            Emit(ref sink, NgramHasher.Bucket(FeatureKind.Word, token.Hash, buckets), FeatureKind.Word, t, 1);
            EmitWordNgrams(options.WordNgrams, tokens, t, buckets, ref sink);
            if (!token.Has(TokenFlags.Word)) continue;
            bool otherSense = options.MentionFeatures && tally.Observe(text, tokens, t);
            if (options.CharNgramMax > 0 && !otherSense)
                EmitCharNgrams(options, text.Slice(token.Start, token.Length), t, buckets, ref sink);
            if (options.VoiceFeatures)
                EmitVoiceWord(token, t, buckets, ref sink);
        }
        if (options.VoiceFeatures)
            EmitSentenceFlags(tokens, buckets, ref sink);
        if (options.MentionFeatures)
            MentionFeatures.Extract(text, tokens, tally, buckets, ref sink);
        return tally.Seen;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void EmitWordNgrams<TSink>(int maxN, ReadOnlySpan<Token> tokens, int t, uint buckets, ref TSink sink)
        where TSink : struct, IFeatureSink
    {
        uint h = tokens[t].Hash;
        int last = Math.Min(tokens.Length, t + maxN);
        for (int j = t + 1; j < last; j++)
        {
            h = NgramHasher.Combine(h, tokens[j].Hash);
            Emit(ref sink, NgramHasher.Bucket(FeatureKind.WordNgram, h, buckets), FeatureKind.WordNgram, t, j - t + 1);
        }
    }

    // N-grams of "<word>", hashed incrementally: one pass per start position covers every length;
    // then the word's hashes become buckets together (NgramHasher.Buckets).
    // A counting sink takes the word's buckets in one call (see IFeatureSink.AddRange).
    [SkipLocalsInit]
    private static void EmitCharNgrams<TSink>(in FeaturizerOptions options, ReadOnlySpan<char> word, int t, uint buckets, ref TSink sink)
        where TSink : struct, IFeatureSink
    {
        int min = options.CharNgramMin, max = options.CharNgramMax;
        int length = word.Length + 2;
        Span<char> wrapped = length <= 128 ? stackalloc char[128] : new char[length];
        wrapped[0] = '<';
        word.CopyTo(wrapped[1..]);
        wrapped[length - 1] = '>';
        int most = length * (max - min + 1);
        Span<uint> grams = most <= 512 ? stackalloc uint[512] : new uint[most];
        int n = 0;
        for (int start = 0; start + min <= length; start++)
        {
            uint h = NgramHasher.OffsetBasis;
            int k = start;
            for (; k < start + min - 1; k++) h = NgramHasher.Step(h, wrapped[k]);
            for (int end = Math.Min(length, start + max); k < end; k++)
                grams[n++] = h = NgramHasher.Step(h, wrapped[k]);
        }
        NgramHasher.Buckets(FeatureKind.CharNgram, grams[..n], buckets);
        if (!TSink.RecordsOrigins)
        {
            sink.AddRange(grams[..n]);
            return;
        }
        int g = 0;
        for (int start = 0; start + min <= length; start++)
            for (int gramLength = min; gramLength <= max && start + gramLength <= length; gramLength++)
                sink.Add(grams[g++], new FeatureOrigin(FeatureKind.CharNgram, t, 1, start, gramLength));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void EmitVoiceWord<TSink>(Token token, int t, uint buckets, ref TSink sink)
        where TSink : struct, IFeatureSink
    {
        if (token.Has(TokenFlags.InQuote))
            Emit(ref sink, NgramHasher.Bucket(FeatureKind.QuotedWord, token.Hash, buckets), FeatureKind.QuotedWord, t, 1);
        else if (token.Has(TokenFlags.InReportScope))
            Emit(ref sink, NgramHasher.Bucket(FeatureKind.ReportedWord, token.Hash, buckets), FeatureKind.ReportedWord, t, 1);
    }

    private static void EmitSentenceFlags<TSink>(ReadOnlySpan<Token> tokens, uint buckets, ref TSink sink)
        where TSink : struct, IFeatureSink
    {
        bool quote = false, cue = false;
        foreach (Token token in tokens)
        {
            quote |= token.Has(TokenFlags.QuoteMark);
            cue |= token.Has(TokenFlags.Cue);
        }
        if (quote) EmitFlag(SentenceFlag.HasQuote, buckets, ref sink);
        if (cue) EmitFlag(SentenceFlag.HasCue, buckets, ref sink);
        if (tokens.Length > 0 && tokens[0].Has(TokenFlags.QuoteMark)) EmitFlag(SentenceFlag.OpensWithQuote, buckets, ref sink);
        if (tokens.Length > 0 && tokens[^1].Has(TokenFlags.InQuote)) EmitFlag(SentenceFlag.EndsInQuote, buckets, ref sink);
    }

    private static void EmitFlag<TSink>(SentenceFlag flag, uint buckets, ref TSink sink)
        where TSink : struct, IFeatureSink
        => Emit(ref sink, NgramHasher.Bucket(FeatureKind.SentenceFlag, (uint)flag, buckets), FeatureKind.SentenceFlag, 0, 0, (int)flag);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Emit<TSink>(ref TSink sink, uint bucket, FeatureKind kind, int token, int tokens, int charStart = 0, int charLength = 0)
        where TSink : struct, IFeatureSink
    {
        if (TSink.RecordsOrigins) sink.Add(bucket, new FeatureOrigin(kind, token, tokens, charStart, charLength));
        else sink.Add(bucket);
    }

    /// <summary>A readable name for a feature, for explanations.</summary>
    public static string Describe(in FeatureOrigin origin, ReadOnlySpan<char> text, ReadOnlySpan<Token> tokens)
    {
        switch (origin.Kind)
        {
            case FeatureKind.SentenceFlag:
                return "[" + ((SentenceFlag)origin.CharStart).ToString() + "]";
            case FeatureKind.Mention or FeatureKind.MentionWord:
                return MentionFeatures.Describe(origin, text, tokens);
            case FeatureKind.CharNgram:
                // The n-gram's characters of "<word>", read in place: building the wrapped word for each
                // n-gram made explaining a very long word quadratic.
                Token token = tokens[origin.FirstToken];
                ReadOnlySpan<char> word = text.Slice(token.Start, token.Length);
                int start = origin.CharStart, end = origin.CharStart + origin.CharLength;
                return string.Concat(start == 0 ? "'<" : "'", word[Math.Max(0, start - 1)..Math.Min(word.Length, end - 1)], end > word.Length + 1 ? ">'" : "'");
        }
        var parts = new string[origin.TokenCount];
        for (int i = 0; i < parts.Length; i++)
        {
            Token t = tokens[origin.FirstToken + i];
            parts[i] = text.Slice(t.Start, t.Length).ToString();
        }
        string words = string.Join(' ', parts);
        return origin.Kind switch
        {
            FeatureKind.QuotedWord => "quoted:" + words,
            FeatureKind.ReportedWord => "reported:" + words,
            _ => words,
        };
    }
}
