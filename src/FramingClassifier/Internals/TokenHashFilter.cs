namespace FramingClassifier;

/// <summary>
/// A 1,024-bit filter over the <see cref="NgramHasher.HashToken"/> hashes of a word list: the
/// tokenizer has each token's hash anyway, and most words fail this test and skip the list's own
/// hashing. It never rejects a listed word.
/// </summary>
internal readonly struct TokenHashFilter
{
    private readonly ulong[] _bits;

    public TokenHashFilter(IEnumerable<string> words)
    {
        _bits = new ulong[16];
        foreach (string word in words)
        {
            uint hash = NgramHasher.HashToken(word);
            _bits[(hash >> 6) & 15] |= 1UL << (int)(hash & 63);
        }
    }

    /// <summary>False only for a token that is certainly not in the list.</summary>
    public bool MayContain(uint hash) => (_bits[(hash >> 6) & 15] & (1UL << (int)(hash & 63))) != 0;
}
