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
    ]);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Words.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>True if the normalized token is a reporting or labelling cue.</summary>
    public static bool IsCue(ReadOnlySpan<char> token) => token.Length >= 3 && Lookup.Contains(token);
}
