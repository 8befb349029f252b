using System.Runtime.InteropServices;
using System.Text.Json;
using FramingClassifier.Cli.Batch;
using FramingClassifier.Training;

namespace FramingClassifier.Cli.Profiles;

/// <summary>
/// Streams the JSON Lines that `framing predict` writes and counts, per group and head, how many
/// sentences got each label. Memory grows with the number of groups and documents, not of sentences.
/// </summary>
internal sealed class ProfileBuilder(string groupBy, string[] onlyHeads, SkipLog skips)
{
    private sealed class Group(int heads)
    {
        public long Sentences;
        /// <summary>Per document, its sentences (slot 0) and label counts (see SlotOf); empty when rows carry no doc or groups are documents.</summary>
        public readonly Dictionary<string, long[]> Documents = new(StringComparer.Ordinal);
        public readonly Dictionary<string, long>[] Counts = NewCounts(heads);
    }

    private readonly Dictionary<string, Group> _groups = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly Dictionary<(int Head, string Label), int> _slots = [];
    private string[]? _heads;
    private string[][]? _labels;

    public ProfileReport Build(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found.");
        long line = 0;
        foreach (string text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            JsonDocument doc;
            try { doc = JsonDocument.Parse(text); }
            catch (JsonException e)
            {
                skips.Skip("malformed", DataFileException.FromJson(path, line, text, e));
                continue;
            }
            using (doc) Add(path, line, doc.RootElement);
        }
        if (_heads is null) throw new DataFileException(path, Math.Max(line, 1), 1, "no scored rows: expected the JSON Lines that `framing predict` writes.");
        return Report(path);
    }

    private void Add(string path, long line, JsonElement row)
    {
        if (row.ValueKind != JsonValueKind.Object)
        {
            skips.Skip("malformed", path, line, 1, $"expected a JSON object, found {row.ValueKind}.");
            return;
        }
        _heads ??= DiscoverHeads(path, line, row);
        if (!row.TryGetProperty(groupBy, out JsonElement key) || key.ValueKind is JsonValueKind.Null or JsonValueKind.Object or JsonValueKind.Array)
        {
            skips.Skip("without group", path, line, 1, $"no '{groupBy}' field to group by (predict --keep-columns copies input columns; doc needs --split-sentences or --id-column).");
            return;
        }
        var labels = new string[_heads.Length];
        for (int h = 0; h < _heads.Length; h++)
        {
            if (!row.TryGetProperty(_heads[h], out JsonElement head) || !head.TryGetProperty("label", out JsonElement label) || label.GetString() is not { } value)
            {
                skips.Skip("without head", path, line, 1, $"no label for head '{_heads[h]}'.");
                return;
            }
            labels[h] = value;
        }
        Group group = GroupOf(key.ValueKind == JsonValueKind.String ? key.GetString()! : key.GetRawText());
        group.Sentences++;
        for (int h = 0; h < labels.Length; h++) Increment(group.Counts[h], labels[h]);
        if (groupBy != "doc" && row.TryGetProperty("doc", out JsonElement document)) Tally(group, document.ToString(), labels);
    }

    // Per-document counts, for the design effect of sentences clustered in documents.
    private void Tally(Group group, string document, string[] labels)
    {
        ref long[]? tally = ref CollectionsMarshal.GetValueRefOrAddDefault(group.Documents, document, out _);
        tally ??= new long[_slots.Count + 1];
        tally[0]++;
        for (int h = 0; h < labels.Length; h++)
        {
            int slot = SlotOf(h, labels[h]);
            if (slot >= tally.Length) Array.Resize(ref tally, _slots.Count + 1);
            tally[slot]++;
        }
    }

    private int SlotOf(int head, string label)
    {
        ref int slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_slots, (head, label), out bool exists);
        if (!exists) slot = _slots.Count;
        return slot;
    }

    // The heads are the object fields with a label; their labels are the keys of "p", in model order, when
    // predict wrote all probabilities, and otherwise (--probabilities none or k) the labels as they come.
    private string[] DiscoverHeads(string path, long line, JsonElement row)
    {
        var found = row.EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("label", out JsonElement label) && label.ValueKind == JsonValueKind.String)
            .ToDictionary(p => p.Name, p => p.Value.TryGetProperty("p", out JsonElement probabilities) && probabilities.ValueKind == JsonValueKind.Object
                ? probabilities.EnumerateObject().Select(l => l.Name).ToArray() : [], StringComparer.Ordinal);
        if (found.Count == 0) throw new DataFileException(path, line, 1, "no head predictions (objects with a label): expected the JSON Lines that `framing predict` writes.");
        foreach (string head in onlyHeads)
            if (!found.ContainsKey(head)) throw new DataFileException(path, line, 1, $"unknown head '{head}'. Heads: {string.Join(", ", found.Keys)}.");
        string[] heads = onlyHeads.Length > 0 ? onlyHeads : [.. found.Keys];
        _labels = heads.Select(h => found[h]).ToArray();
        return heads;
    }

    private Group GroupOf(string key)
    {
        if (_groups.TryGetValue(key, out Group? group)) return group;
        _order.Add(key);
        return _groups[key] = new Group(_heads!.Length);
    }

    private ProfileReport Report(string path)
    {
        // The labels of the first row, in model order, then any label only later rows had; without
        // probabilities in the input, the labels seen in ordinal order, which is the trainer's order.
        string[][] labels = _heads!.Select((_, h) =>
        {
            IEnumerable<string> seen = _order.SelectMany(k => _groups[k].Counts[h].Keys);
            return _labels![h].Length > 0 ? _labels[h].Union(seen).ToArray() : seen.Distinct().Order(StringComparer.Ordinal).ToArray();
        }).ToArray();
        GroupProfile[] groups = _order.Select(key =>
        {
            Group g = _groups[key];
            LabelShare[][] heads = labels.Select((set, h) => set.Select(l => Share(g, h, l)).ToArray()).ToArray();
            return new GroupProfile(key, g.Sentences, groupBy == "doc" ? 1 : g.Documents.Count, heads);
        }).ToArray();
        return new ProfileReport(path, groupBy, _heads!, labels, groups, skips.Total);
    }

    // Grouped by document, a group is one document and its sentences are all there is: plain Wilson.
    private LabelShare Share(Group g, int head, string label)
    {
        long count = g.Counts[head].GetValueOrDefault(label);
        int slot = _slots.GetValueOrDefault((head, label), -1);
        var documents = g.Documents.Values.Select(t => (t[0], slot >= 0 && slot < t.Length ? t[slot] : 0L)).ToArray();
        var (low, high, _) = ClusteredInterval.Of(count, g.Sentences, documents);
        return new LabelShare(label, count, g.Sentences == 0 ? 0 : (double)count / g.Sentences, low, high);
    }

    private static Dictionary<string, long>[] NewCounts(int heads) =>
        Enumerable.Range(0, heads).Select(_ => new Dictionary<string, long>(StringComparer.Ordinal)).ToArray();

    private static void Increment(Dictionary<string, long> counts, string label) => counts[label] = counts.GetValueOrDefault(label) + 1;
}
