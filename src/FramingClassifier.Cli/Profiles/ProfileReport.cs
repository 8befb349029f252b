using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace FramingClassifier.Cli.Profiles;

/// <summary>One label's share of a group's sentences for one head, with its 95% Wilson interval.</summary>
internal sealed record LabelShare(string Label, long Count, double Share, double Low, double High);

/// <summary>A group (an outlet, a document): how many sentences and documents it has, and its label shares per head.</summary>
internal sealed record GroupProfile(string Group, long Sentences, long Documents, LabelShare[][] Heads);

/// <summary>
/// Label shares per group and head, read from scored output. The table, JSON and HTML views are all
/// made from this one object, so they agree.
/// </summary>
internal sealed record ProfileReport(string Source, string GroupBy, string[] Heads, string[][] Labels, GroupProfile[] Groups, long Skipped)
{
    public const string IntervalNote =
        "95% Wilson intervals. When rows carry a doc and groups hold several documents, each interval is widened by the design effect of "
        + "sentences clustered in documents, estimated from how much the documents' shares differ (never below 1; 1 for a share of 0 or 1).";

    private const int CellWidth = 29;

    /// <summary>Per head, a row per group: sentences, documents, then per label the count, share and interval.</summary>
    public string ToTable()
    {
        var sb = new StringBuilder();
        sb.AppendLine(Invariant($"{Source}: {Groups.Length:N0} groups by '{GroupBy}', {Groups.Sum(g => g.Sentences):N0} sentences"));
        sb.AppendLine("each label: sentences with it, their share, and its 95% interval");
        int nameWidth = Math.Max(5, Groups.Length == 0 ? 0 : Groups.Max(g => g.Group.Length));
        for (int h = 0; h < Heads.Length; h++)
        {
            sb.AppendLine().AppendLine(Heads[h]);
            sb.Append("group".PadRight(nameWidth)).Append(Invariant($"{"sentences",10}{"docs",7}"));
            foreach (string label in Labels[h]) sb.Append("  ").Append(label.PadRight(CellWidth));
            TrimLine(sb);
            foreach (GroupProfile g in Groups)
            {
                sb.Append(g.Group.PadRight(nameWidth)).Append(Invariant($"{g.Sentences,10:N0}{g.Documents,7:N0}"));
                foreach (LabelShare s in g.Heads[h])
                    sb.Append("  ").Append(Invariant($"{s.Count,6:N0} {Percent(s.Share),6} [{Percent(s.Low)}–{Percent(s.High)}]").PadRight(CellWidth));
                TrimLine(sb);
            }
        }
        sb.AppendLine().AppendLine(IntervalNote);
        return sb.ToString();
    }

    public void WriteJson(Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("source", Source);
        json.WriteString("groupBy", GroupBy);
        json.WriteNumber("confidence", 0.95);
        json.WriteString("interval", "wilson, widened by the design effect of documents");
        json.WriteNumber("skippedRows", Skipped);
        json.WriteStartArray("groups");
        foreach (GroupProfile g in Groups)
        {
            json.WriteStartObject();
            json.WriteString("group", g.Group);
            json.WriteNumber("sentences", g.Sentences);
            json.WriteNumber("documents", g.Documents);
            json.WriteStartObject("heads");
            for (int h = 0; h < Heads.Length; h++)
            {
                json.WriteStartObject(Heads[h]);
                foreach (LabelShare s in g.Heads[h])
                {
                    json.WriteStartObject(s.Label);
                    json.WriteNumber("count", s.Count);
                    json.WriteNumber("share", Math.Round(s.Share, 6));
                    json.WriteNumber("low", Math.Round(s.Low, 6));
                    json.WriteNumber("high", Math.Round(s.High, 6));
                    json.WriteEndObject();
                }
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void TrimLine(StringBuilder sb)
    {
        while (sb.Length > 0 && sb[^1] == ' ') sb.Length--;
        sb.AppendLine();
    }

    public static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
