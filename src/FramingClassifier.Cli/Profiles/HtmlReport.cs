using System.Globalization;
using System.Net;
using System.Text;

namespace FramingClassifier.Cli.Profiles;

/// <summary>
/// A self-contained HTML page of a <see cref="ProfileReport"/>: per head, a stacked bar of label shares
/// per group, then one panel per label comparing the groups with 95% interval whiskers. Inline CSS and
/// SVG only, no scripts or fonts to fetch, so it opens offline and prints.
/// </summary>
internal static class HtmlReport
{
    private const int MaxGroups = 60;
    private const int NameWidth = 170, BarWidth = 560, RowHeight = 22, PanelWidth = 330, PanelBar = 150;

    // Okabe and Ito's palette: distinguishable with the common colour-vision deficiencies.
    private static readonly string[] Palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999"];

    public static string Render(ProfileReport report)
    {
        GroupProfile[] shown = report.Groups.Length <= MaxGroups ? report.Groups
            : [.. report.Groups.OrderByDescending(g => g.Sentences).Take(MaxGroups)];
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Framing profile</title><style>")
            .Append("body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:1100px}h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ccc}")
            .Append("h3{font-size:14px;margin:4px 0}.panels{display:flex;flex-wrap:wrap;gap:16px}.panel{border:1px solid #eee;padding:8px}.note{color:#666;font-size:12px}")
            .Append("svg text{font:12px system-ui,sans-serif;fill:#222}.legend span{display:inline-block;margin-right:14px}.legend i{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-1px}")
            .Append("</style></head><body>\n");
        html.Append(Invariant($"<h1>Label shares by {Encode(report.GroupBy)}</h1><p>{Encode(report.Source)}: {report.Groups.Length:N0} groups, {report.Groups.Sum(g => g.Sentences):N0} sentences"))
            .Append(report.Skipped > 0 ? Invariant($", {report.Skipped:N0} rows skipped") : "").Append(".</p>\n");
        if (shown.Length < report.Groups.Length)
            html.Append(Invariant($"<p class=\"note\">Charts show the {MaxGroups} largest of {report.Groups.Length:N0} groups; the JSON report has them all.</p>\n"));
        if (shown.Length == 0)
            html.Append("<p class=\"note\">No row had a value to group by, so there is nothing to chart.</p>\n");
        for (int h = 0; h < report.Heads.Length && shown.Length > 0; h++)
        {
            html.Append("<h2>").Append(Encode(report.Heads[h])).Append("</h2>\n");
            html.Append(Legend(report.Labels[h]));
            html.Append(Stacked(shown, h, report.Labels[h]));
            html.Append("<div class=\"panels\">\n");
            for (int l = 0; l < report.Labels[h].Length; l++) html.Append(LabelPanel(shown, h, l, report.Labels[h][l]));
            html.Append("</div>\n");
        }
        html.Append("<p class=\"note\">Bars: share of sentences with each label; whiskers: ").Append(Encode(ProfileReport.IntervalNote)).Append("</p>\n</body></html>\n");
        return html.ToString();
    }

    private static string Legend(string[] labels) =>
        "<p class=\"legend\">" + string.Concat(labels.Select((l, i) => $"<span><i style=\"background:{Color(i)}\"></i>{Encode(l)}</span>")) + "</p>\n";

    // One 100% bar per group, a segment per label.
    private static string Stacked(GroupProfile[] groups, int head, string[] labels)
    {
        int height = groups.Length * RowHeight + 8;
        var svg = new StringBuilder(Invariant($"<svg role=\"img\" width=\"{NameWidth + BarWidth + 70}\" height=\"{height}\" viewBox=\"0 0 {NameWidth + BarWidth + 70} {height}\">\n"));
        for (int g = 0; g < groups.Length; g++)
        {
            double y = g * RowHeight + 4, x = NameWidth;
            svg.Append(Invariant($"<text x=\"{NameWidth - 8}\" y=\"{y + 15}\" text-anchor=\"end\">{Encode(Clip(groups[g].Group))}</text>"));
            LabelShare[] shares = groups[g].Heads[head];
            for (int l = 0; l < shares.Length; l++)
            {
                double w = shares[l].Share * BarWidth;
                if (w <= 0) continue;
                svg.Append(Invariant($"<rect x=\"{x:0.##}\" y=\"{y}\" width=\"{w:0.##}\" height=\"{RowHeight - 6}\" fill=\"{Color(l)}\"><title>{Encode(groups[g].Group)}, {Encode(labels[l])}: {ProfileReport.Percent(shares[l].Share)} ({shares[l].Count:N0} of {groups[g].Sentences:N0})</title></rect>"));
                x += w;
            }
            svg.Append(Invariant($"<text x=\"{NameWidth + BarWidth + 6}\" y=\"{y + 15}\">n={groups[g].Sentences:N0}</text>\n"));
        }
        return svg.Append("</svg>\n").ToString();
    }

    // One label, every group: a bar for the share and a whisker for its interval, on a shared axis.
    private static string LabelPanel(GroupProfile[] groups, int head, int label, string name)
    {
        double top = Math.Max(0.1, Math.Ceiling(groups.Max(g => g.Heads[head][label].High) * 10) / 10);
        int names = 110, height = groups.Length * RowHeight + 24;
        var svg = new StringBuilder(Invariant($"<div class=\"panel\"><h3>{Encode(name)}</h3><svg role=\"img\" width=\"{PanelWidth}\" height=\"{height}\" viewBox=\"0 0 {PanelWidth} {height}\">\n"));
        for (int g = 0; g < groups.Length; g++)
        {
            LabelShare s = groups[g].Heads[head][label];
            double y = g * RowHeight + 4, mid = y + (RowHeight - 6) / 2.0;
            double Scale(double v) => names + v / top * PanelBar;
            svg.Append(Invariant($"<text x=\"{names - 6}\" y=\"{y + 15}\" text-anchor=\"end\">{Encode(Clip(groups[g].Group, 16))}</text>"))
               .Append(Invariant($"<rect x=\"{names}\" y=\"{y}\" width=\"{Scale(s.Share) - names:0.##}\" height=\"{RowHeight - 6}\" fill=\"{Color(label)}\" opacity=\"0.85\"><title>{ProfileReport.Percent(s.Share)} [{ProfileReport.Percent(s.Low)}–{ProfileReport.Percent(s.High)}], {s.Count:N0} of {groups[g].Sentences:N0}</title></rect>"))
               .Append(Invariant($"<path d=\"M{Scale(s.Low):0.##} {mid - 4}v8M{Scale(s.Low):0.##} {mid}H{Scale(s.High):0.##}M{Scale(s.High):0.##} {mid - 4}v8\" stroke=\"#222\" stroke-width=\"1.3\" fill=\"none\"/>"))
               .Append(Invariant($"<text x=\"{names + PanelBar + 8}\" y=\"{y + 15}\">{ProfileReport.Percent(s.Share)}</text>\n"));
        }
        double axis = groups.Length * RowHeight + 8;
        svg.Append(Invariant($"<path d=\"M{names} {axis}H{names + PanelBar}\" stroke=\"#999\"/><text x=\"{names}\" y=\"{axis + 13}\" text-anchor=\"middle\">0%</text><text x=\"{names + PanelBar}\" y=\"{axis + 13}\" text-anchor=\"middle\">{ProfileReport.Percent(top)}</text>"));
        return svg.Append("</svg></div>\n").ToString();
    }

    private static string Color(int i) => Palette[i % Palette.Length];

    // Cut between user-perceived characters (text elements), never inside an emoji or a surrogate pair.
    private static string Clip(string s, int max = 24)
    {
        if (s.Length <= max) return s;
        int end = 0;
        for (int next; end < s.Length && end + (next = StringInfo.GetNextTextElementLength(s, end)) <= max - 1; end += next) { }
        return s[..end] + "…";
    }

    private static string Encode(string s) => WebUtility.HtmlEncode(s);

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
