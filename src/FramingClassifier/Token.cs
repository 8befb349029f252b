namespace FramingClassifier;

/// <summary>What the tokenizer knows about a token beyond its text.</summary>
[Flags]
public enum TokenFlags : byte
{
    /// <summary>Punctuation or a symbol.</summary>
    None = 0,
    /// <summary>Letters and digits: char n-grams are taken from these.</summary>
    Word = 1,
    /// <summary>A quotation mark of any typography.</summary>
    QuoteMark = 2,
    /// <summary>The token lies inside a quotation.</summary>
    InQuote = 4,
    /// <summary>The token follows a reporting or labelling cue ("said", "described as", "according to").</summary>
    InReportScope = 8,
    /// <summary>The token is itself a reporting or labelling cue.</summary>
    Cue = 16,
}

/// <summary>A token: a slice of the normalized text, its FNV-1a hash and its flags.</summary>
/// <param name="Start">Offset in the normalized text.</param>
/// <param name="Length">Length in UTF-16 code units.</param>
/// <param name="Hash">FNV-1a hash of the token's code units (<see cref="NgramHasher.HashToken"/>).</param>
/// <param name="Flags">What kind of token it is and where it stands.</param>
public readonly record struct Token(int Start, int Length, uint Hash, TokenFlags Flags)
{
    /// <summary>True if <paramref name="flag"/> is set.</summary>
    public bool Has(TokenFlags flag) => (Flags & flag) != 0;
}
