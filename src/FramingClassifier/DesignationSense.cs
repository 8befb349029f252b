using System.Collections.Frozen;

namespace FramingClassifier;

/// <summary>
/// The codebook's non-armed senses of the designation words, told by the words around them: a
/// policy area, agency or job ("counterterrorism coordinator", "the war on terror"), politics ("the
/// radical left", "party rebels", "an insurgent candidate", "party factions"), crime ("drug gangs"),
/// and things that are not people at all ("fighter jets", "drug resistance", "a radical overhaul").
/// A match is evidence, not a verdict: the model weighs it against the rest of the sentence.
/// </summary>
public static class DesignationSense
{
    /// <summary>Whether the designation word at token <paramref name="t"/> stands in a construction of a non-armed sense.</summary>
    public static bool IsOtherSense(ReadOnlySpan<char> text, ReadOnlySpan<Token> tokens, int t)
    {
        ReadOnlySpan<char> word = Word(text, tokens, t);
        int before = Previous(text, tokens, t);
        ReadOnlySpan<char> p1 = Word(text, tokens, before), p2 = Word(text, tokens, Previous(text, tokens, before));
        int after = Next(text, tokens, t);
        // "radical Islamist ideology": the noun a chain of these adjectives leads to decides their sense.
        while (Is(ChainAdjectives, word) && Is(ChainAdjectives, Word(text, tokens, after))) after = Next(text, tokens, after);
        ReadOnlySpan<char> n1 = WithoutPossessive(Word(text, tokens, after));
        return word switch
        {
            "terror" or "terrorist" or "terrorism" or "counterterrorism" or "counterterror" =>
                Is(PolicyNouns, n1) || (p1 is "on" or "about" && Is(TopicNouns, p2)) || (p1 is "of" && p2 is "sponsor" or "sponsors")
                || (IsCounter(word, p1) && !Is(OperationNouns, n1)),
            "radical" or "extremist" => Is(IdeaNouns, n1) || Is(PoliticalNouns, n1) || Is(PoliticalModifiers, p1),
            "radicals" or "extremists" => Is(PoliticalModifiers, p1),
            "revolutionary" => Is(IdeaNouns, n1) || Is(PoliticalNouns, n1) || n1 is "guard" or "guards" or "war" or "era" or "period",
            "islamist" or "jihadist" or "islamists" => Is(IdeaNouns, n1) || Is(PoliticianWords, n1) || Is(StateWords, n1),
            "extremism" => p1 is "countering" or "counter" or "combating" or "tackling" or "tackle" or "prevent" or "preventing",
            "rebel" or "rebels" or "rebellion" => Is(PartyWords, p1) || Is(PoliticianWords, n1),
            "faction" or "factions" => Is(PartyWords, p1),
            "insurgent" or "insurgency" => Is(PoliticianWords, n1),
            "resistance" => Is(ResistanceModifiers, p1) || n1 is "from",
            "militant" => Is(PoliticianWords, n1) || n1 is "union" or "unions" or "unionists" or "atheist" or "atheists" or "vegan" or "vegans" or "feminist" or "feminists" or "tendency",
            "gang" or "gangs" => Is(CrimeModifiers, p1),
            "fighters" => n1 is "jets" or "jet" or "planes" or "aircraft" or "squadrons" or "pilots" || p1 is "prize" or "cage" or "ufc" or "mma" or "crime" or "fire",
            _ => false,
        };
    }

    /// <summary>
    /// Whether the sentence speaks of violence or armed conflict. A designation word in a sentence
    /// without any ("extremists on abortion") is more often in a non-armed sense.
    /// </summary>
    public static bool SpeaksOfViolence(ReadOnlySpan<char> text, ReadOnlySpan<Token> tokens)
    {
        for (int t = 0; t < tokens.Length; t++)
            if (tokens[t].Has(TokenFlags.Word) && ViolenceFilter.MayContain(tokens[t].Hash) && Is(ViolenceWords, Word(text, tokens, t))) return true;
        return false;
    }

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ViolenceWords = Set(
        "attack", "attacks", "attacked", "attacking", "attacker", "attackers", "bomb", "bombs", "bombed", "bombing",
        "bombings", "bomber", "bombers", "kill", "kills", "killed", "killing", "killings", "killer", "killers", "shot",
        "shoot", "shooting", "shootings", "shooter", "gun", "guns", "gunfire", "gunpoint", "weapon", "weapons", "armed",
        "arms", "fight", "fighting", "fought", "war", "wars", "battle", "battles", "troops", "soldiers", "soldier", "army",
        "military", "explosion", "explosions", "explosive", "explosives", "suicide", "hostage", "hostages", "kidnap",
        "kidnapped", "kidnapping", "massacre", "massacres", "assault", "raid", "raids", "airstrike", "airstrikes",
        "strikes", "ambush", "ambushed", "rifle", "rifles", "grenade", "grenades", "rocket", "rockets", "missile",
        "missiles", "artillery", "shelling", "shelled", "siege", "captured", "seized", "plot", "plots", "plotted",
        "violence", "violent", "murder", "murdered", "murders", "dead", "wounded", "casualties", "ceasefire", "combat",
        "offensive", "beheaded", "executed", "stabbing", "stabbed", "blast",
        "occupation", "uprising", "clashes", "clashed", "front", "frontline", "recruited",
        "atrocities", "atrocity", "genocide", "slaughter", "slaughtered", "ied", "drone", "drones");

    private static readonly TokenHashFilter ViolenceFilter = new(ViolenceWords.Set);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> PolicyNouns = Set(
        "coordinator", "czar", "chief", "chiefs", "official", "officials", "adviser", "advisers", "advisor", "advisors",
        "expert", "experts", "analyst", "analysts", "researcher", "researchers", "scholar", "scholars", "agency",
        "agencies", "center", "centre", "unit", "units", "police", "law", "laws", "legislation", "bill",
        "watchlist", "committee", "task", "prosecutor", "prosecutors", "court", "courts", "insurance", "budget",
        "cooperation", "policy", "policies", "strategy", "program", "programme", "programs", "office",
        "desk", "division", "squad", "bureau", "department", "report", "index", "studies", "study", "convention",
        "powers", "czars", "professor", "supporting", "sponsoring", "sponsor", "sponsors");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> TopicNouns = Set(
        "war", "course", "courses", "book", "books", "class", "lecture", "seminar", "conference", "hearing", "hearings",
        "report", "study", "expert", "experts", "policy", "stance", "speech", "remarks", "record", "views", "soft", "tough");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> IdeaNouns = Set(
        "ideology", "ideologies", "ideas", "idea", "views", "view", "thought", "thinking", "rhetoric", "beliefs", "agenda",
        "content", "speech", "positions", "position", "politics", "policies", "policy", "opinions", "websites",
        "literature", "books", "teachings", "leaning");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ChainAdjectives = Set(
        "radical", "islamist", "islamic", "extremist", "jihadist", "militant", "revolutionary");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> PoliticalModifiers = Set(
        "ideological", "political", "partisan", "trans", "abortion", "climate", "environmental", "economic", "fiscal",
        "budget", "tax", "gun", "feminist", "progressive", "liberal", "conservative");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> StateWords = Set(
        "government", "governments", "president", "prime", "premier", "party", "parties", "state", "regime");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> OperationNouns = Set(
        "operation", "operations", "offensive", "campaign", "raid", "raids", "strike", "strikes", "mission", "missions",
        "fight", "war", "sweep", "assault", "forces", "troops", "units", "unit", "battalion", "battalions", "force", "zone");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> PoliticalNouns = Set(
        "left", "right", "progressive", "progressives", "conservative", "conservatives", "liberal",
        "liberals", "feminist", "feminists", "activist", "activists", "democrats", "republicans", "environmentalists",
        "reformer", "reformers", "reform", "reforms", "overhaul", "change", "changes", "plan", "plans", "proposal",
        "proposals", "shift", "departure", "transformation", "approach", "economic", "economics", "candidate",
        "candidates", "politician", "politicians", "lawmakers", "mps", "fringe", "measures", "step", "steps",
        "break", "rethink", "redesign", "restructuring", "new", "technology", "innovation", "professor", "thinkers",
        "thinker", "writers", "artists", "trans", "environmental");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> PartyWords = Set(
        "tory", "tories", "labour", "conservative", "conservatives", "backbench", "backbencher", "party", "republican",
        "republicans", "democratic", "democrat", "democrats", "gop", "brexiteer", "brexiteers", "eurosceptic", "liberal",
        "liberals", "house", "senate", "caucus", "parliamentary", "cabinet", "shareholder", "shareholders", "investor",
        "investors", "teenage", "teen", "political", "progressive", "moderate", "centrist", "snp", "coalition");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> PoliticianWords = Set(
        "mps", "mp", "lawmakers", "legislators", "senators", "congressmen", "backbenchers", "peers", "councillors",
        "members", "delegates", "voted", "vote", "votes", "voting", "candidate", "candidates", "candidacy", "bid",
        "challenger", "challengers", "presidential", "primary", "slate", "politician", "politicians", "party", "ministers");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ResistanceModifiers = Set(
        "least", "drug", "antibiotic", "antimicrobial", "insulin", "antiviral", "pesticide", "herbicide", "heat", "water",
        "wind", "electrical", "rolling", "passive", "stiff", "nonviolent", "peaceful", "civil", "political", "public", "met",
        "meet", "meets", "faced", "face", "faces", "facing", "encountered", "encounter", "overcome", "overcame",
        "congressional", "republican", "democratic", "gop", "internal", "consumer", "market", "investor", "cabinet");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> CrimeModifiers = Set(
        "street", "drug", "youth", "teenage", "biker", "motorcycle", "prison", "grooming", "chain", "press", "road",
        "knife", "postcode", "county", "lines");

    private static FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Set(params string[] words) =>
        words.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private static bool Is(FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> set, ReadOnlySpan<char> word) =>
        !word.IsEmpty && set.Contains(word);

    private static ReadOnlySpan<char> WithoutPossessive(ReadOnlySpan<char> word) =>
        word.EndsWith("'s") || word.EndsWith("’s") ? word[..^2] : word;

    // "counter-terrorism" and "anti-terror" are tokenized as three tokens: the prefix, the hyphen and the word.
    private static bool IsCounter(ReadOnlySpan<char> word, ReadOnlySpan<char> previous) =>
        word is "counterterrorism" or "counterterror" || previous is "counter" or "anti";

    // The neighbouring word, stepping over the hyphen inside a compound ("counter-terrorism"); -1 at the edge.
    private static int Previous(ReadOnlySpan<char> text, ReadOnlySpan<Token> tokens, int t)
    {
        int k = t - 1;
        if (k >= 0 && Word(text, tokens, k) is "-") k--;
        return k;
    }

    private static int Next(ReadOnlySpan<char> text, ReadOnlySpan<Token> tokens, int t)
    {
        int k = t + 1;
        if (k < tokens.Length && Word(text, tokens, k) is "-") k++;
        return k < tokens.Length ? k : -1;
    }

    private static ReadOnlySpan<char> Word(ReadOnlySpan<char> text, ReadOnlySpan<Token> tokens, int t) => DesignationLexicon.Word(text, tokens, t);
}
