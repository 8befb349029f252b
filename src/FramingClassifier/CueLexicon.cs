using System.Collections.Frozen;

namespace FramingClassifier;

/// <summary>
/// Words after which a designation belongs to someone else (codebook, voice (b) and (c)): reporting
/// verbs, labelling verbs, "so-called" and "according (to)". Matched on normalized, lower-case tokens.
/// </summary>
public static class CueLexicon
{
    private static readonly FrozenSet<string> Words = FrozenSet.Create(StringComparer.Ordinal,
    [
        "say", "says", "said", "saying", "tell", "tells", "told", "state", "states", "stated",
        "report", "reports", "reported", "warn", "warns", "warned", "claim", "claims", "claimed",
        "announce", "announces", "announced", "confirm", "confirms", "confirmed", "indicate", "indicated",
        "pledge", "pledged", "insist", "insisted", "allege", "alleged", "accuse", "accused", "added",
        "declared", "declares", "vowed", "vows", "argued", "argues", "maintained", "stressed", "urged",
        "describe", "describes", "described", "call", "calls", "called", "brand", "brands", "branded",
        "label", "labels", "labelled", "labeled", "designate", "designates", "designated", "classified",
        "list", "lists", "listed", "consider", "considers", "considered", "dubbed", "termed", "deemed",
        "according", "quoted", "quoting", "denounced", "condemned", "blamed", "tweeted", "wrote",
        "deny", "denies", "denied", "accuses", "accusing", "alleges", "alleging", "admits", "admitted",
        "acknowledged", "acknowledges", "posted", "believes", "writes", "testified", "asserted", "noted",
        "explained", "recalled", "suggested", "cautioned", "tweets", "insists", "warning",
        "blame", "blames", "blaming", "criticized", "criticised", "criticizing", "criticising", "slammed", "decried",
        "tarred", "portrayed", "portrays", "vowing", "claiming", "insisting", "arguing", "asserting", "denying", "calling",
        "characterized", "characterizes", "characterised", "characterises", "charged", "indicted",
    ]);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Words.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly TokenHashFilter Filter = new(Words);

    /// <summary>Every cue.</summary>
    internal static IReadOnlyCollection<string> All => Words;

    /// <summary>True if the normalized token is a reporting or labelling cue.</summary>
    public static bool IsCue(ReadOnlySpan<char> token) => token.Length >= 3 && Lookup.Contains(token);

    /// <summary><see cref="IsCue(ReadOnlySpan{char})"/> for a token whose <see cref="NgramHasher.HashToken"/> is <paramref name="hash"/>.</summary>
    internal static bool IsCue(ReadOnlySpan<char> token, uint hash) =>
        Filter.MayContain(hash) && IsCue(token);
}
