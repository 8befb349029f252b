using System.Collections.Frozen;

namespace FramingClassifier;

/// <summary>
/// The word lists <see cref="SentenceSplitter"/> decides periods with. Matched case-sensitively on the
/// word before the period (without it), or on the word after it.
/// </summary>
internal static class Abbreviations
{
    // Titles and ranks come before a name, so a period after them never ends a sentence.
    private static readonly FrozenSet<string> Titles = FrozenSet.Create(StringComparer.Ordinal,
    [
        "Mr", "Mrs", "Ms", "Mssrs", "Messrs", "Mmes", "Dr", "Prof", "Rev", "Fr", "Hon", "Pres", "Gov", "Sen", "Rep", "Amb",
        "Gen", "Lt", "Col", "Maj", "Capt", "Cpt", "Cmdr", "Cdr", "Adm", "Brig", "Sgt", "Cpl", "Pvt", "Insp", "Supt", "Det", "Mt", "Ft",
    ]);

    // Before a number ("No. 5", "Art. 2"), a period does not end a sentence.
    private static readonly FrozenSet<string> BeforeNumbers = FrozenSet.Create(StringComparer.Ordinal,
    [
        "No", "Nos", "no", "nos", "Art", "art", "p", "pp", "Vol", "vol", "Fig", "fig", "Ch", "ch", "Sec", "sec", "para", "Para", "Res", "Jan", "Feb",
        "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    ]);

    // Abbreviations that may also end a sentence ("...fled to the U.S. The next day..."): the period
    // ends one only when a word that usually opens a sentence follows.
    private static readonly FrozenSet<string> Ambiguous = FrozenSet.Create(StringComparer.Ordinal,
    [
        "etc", "Inc", "Ltd", "Co", "Corp", "Bros", "Jr", "Sr", "St", "Ave", "Blvd", "Rd", "vs", "v", "approx", "est", "al", "cf",
        // US states as news datelines abbreviate them ("ORLANDO, Fla. (AP) --").
        "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Ky", "La", "Md", "Mass", "Mich",
        "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Tenn", "Tex", "Vt", "Va", "Wash", "Wis", "Wyo",
        "Jan", "Feb", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mon", "Tue", "Tues", "Wed", "Thu", "Thurs", "Fri", "Sat", "Sun",
    ]);

    // Function words: they open sentences but rarely follow an abbreviation inside a name ("U.S. Army").
    private static readonly FrozenSet<string> Starters = FrozenSet.Create(StringComparer.Ordinal,
    [
        "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "But", "And", "Or", "So", "Yet", "In", "On", "At", "By", "For",
        "From", "To", "With", "As", "This", "That", "These", "Those", "There", "Then", "His", "Her", "Its", "Their", "Our", "My",
        "After", "Before", "When", "While", "Since", "Although", "Though", "However", "Meanwhile", "If", "Some", "Many", "Most",
        "No", "Not", "Several", "Earlier", "Later", "Now", "Today", "Yesterday", "According", "Still", "Instead", "Under",
    ]);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> TitleLookup = Titles.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NumberLookup = BeforeNumbers.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> AmbiguousLookup = Ambiguous.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> StarterLookup = Starters.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool IsTitle(ReadOnlySpan<char> word) => TitleLookup.Contains(word);

    public static bool IsBeforeNumber(ReadOnlySpan<char> word) => NumberLookup.Contains(word);

    /// <summary>Dotted forms (U.S, e.g, a.m), capital initials (F) and the <see cref="Ambiguous"/> list.</summary>
    public static bool IsAmbiguous(ReadOnlySpan<char> word) =>
        IsDotted(word) || (word.Length == 1 && char.IsUpper(word[0])) || AmbiguousLookup.Contains(word);

    // Letters with inner periods (U.S, a.m), but not numbers such as 3.5.
    private static bool IsDotted(ReadOnlySpan<char> word)
    {
        if (!word.Contains('.')) return false;
        foreach (char c in word)
            if (c != '.' && !char.IsLetter(c)) return false;
        return true;
    }

    public static bool IsSentenceStarter(ReadOnlySpan<char> word) => StarterLookup.Contains(word);
}
