using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FramingClassifier.Training;

/// <summary>Per-head metrics, printable as a table and writable as JSON.</summary>
public sealed class EvaluationReport(IReadOnlyList<HeadMetrics> heads, IReadOnlyList<EvaluationError>? errors = null)
{
    /// <summary>One entry per evaluated head.</summary>
    public IReadOnlyList<HeadMetrics> Heads { get; } = heads;

    /// <summary>The most confident errors of each head, most confident first (empty unless asked for).</summary>
    public IReadOnlyList<EvaluationError> Errors { get; } = errors ?? [];

    /// <summary>The metrics of the head named <paramref name="head"/>.</summary>
    public HeadMetrics this[string head] => Heads.First(h => h.Head == head);

    /// <summary>A plain-text report: a summary line, per-label figures and the confusion matrix of each head.</summary>
    public string ToTable()
    {
        var sb = new StringBuilder();
        foreach (HeadMetrics h in Heads)
        {
            sb.Append(Invariant($"== {h.Head}: accuracy {h.Accuracy:0.0000}  macro-F1 {h.MacroF1:0.0000}  log-loss {h.LogLoss:0.0000}  rows {h.Count}"));
            if (h.UnknownLabels > 0) sb.Append(Invariant($"  (unknown gold labels skipped: {h.UnknownLabels})"));
            sb.AppendLine();
            int width = Math.Max(9, h.Labels.Max(l => l.Length) + 1);
            sb.AppendLine($"{"label".PadRight(width)} precision  recall      F1  support");
            foreach (ClassMetrics c in h.Classes)
                sb.AppendLine(Invariant($"{c.Label.PadRight(width)} {c.Precision,9:0.0000} {c.Recall,7:0.0000} {c.F1,7:0.0000} {c.Support,8}"));
            sb.AppendLine("confusion (rows gold, columns predicted):");
            sb.AppendLine("".PadRight(width) + string.Concat(h.Labels.Select(l => l.PadLeft(width))));
            for (int g = 0; g < h.Labels.Count; g++)
                sb.AppendLine(h.Labels[g].PadRight(width) + string.Concat(h.Confusion[g].Select(v => v.ToString(CultureInfo.InvariantCulture).PadLeft(width))));
            sb.AppendLine();
            AppendErrors(sb, h.Head);
        }
        return sb.ToString();
    }

    private void AppendErrors(StringBuilder sb, string head)
    {
        var errors = Errors.Where(e => e.Head == head).ToArray();
        if (errors.Length == 0) return;
        sb.AppendLine("most confident errors (gold -> predicted, probability, text):");
        foreach (EvaluationError e in errors)
            sb.AppendLine(Invariant($"  {e.Gold} -> {e.Predicted} {e.Probability:0.00}  {e.Text}"));
        sb.AppendLine();
    }

    /// <summary>The report as indented JSON.</summary>
    public string ToJson()
    {
        var heads = Heads.Select(h => new
        {
            head = h.Head,
            rows = h.Count,
            unknown_labels = h.UnknownLabels,
            accuracy = h.Accuracy,
            macro_f1 = h.MacroF1,
            log_loss = h.LogLoss,
            labels = h.Labels,
            classes = h.Classes.Select(c => new { label = c.Label, precision = c.Precision, recall = c.Recall, f1 = c.F1, support = c.Support }),
            confusion = h.Confusion,
            errors = Errors.Where(e => e.Head == h.Head).Select(e => new { gold = e.Gold, predicted = e.Predicted, probability = e.Probability, text = e.Text }),
        });
        return JsonSerializer.Serialize(new { heads }, new JsonSerializerOptions
        {
            WriteIndented = true,
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        });
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
