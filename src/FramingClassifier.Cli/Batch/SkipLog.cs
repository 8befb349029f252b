using System.Globalization;
using FramingClassifier.Training;

namespace FramingClassifier.Cli.Batch;

/// <summary>
/// Rows left out of a batch run: one line on stderr for each of the first few, naming file, line and
/// column, and a count by reason at the end, so a long run with a few bad rows still finishes.
/// </summary>
internal sealed class SkipLog(TextWriter messages, int maxMessages = 20)
{
    private readonly Dictionary<string, long> _byReason = new(StringComparer.Ordinal);
    private readonly List<string> _reasons = [];

    public long Total { get; private set; }

    /// <summary>Where messages go; a progress display swaps this so they print above it instead of through it.</summary>
    public Action<string> Output { get; set; } = messages.WriteLine;

    public void Skip(string reason, DataFileException where) => Skip(reason, where.Message);

    public void Skip(string reason, string file, long line, int column, string message) =>
        Skip(reason, new DataFileException(file, line, column, message).Message);

    public void WriteSummary(long scored, string unit)
    {
        string summary = string.Create(CultureInfo.InvariantCulture, $"scored {scored:N0} {unit}");
        if (Total > 0)
            summary += string.Create(CultureInfo.InvariantCulture, $"; skipped {Total:N0}: ")
                + string.Join(", ", _reasons.Select(r => string.Create(CultureInfo.InvariantCulture, $"{_byReason[r]:N0} {r}")));
        Output(summary);
    }

    private void Skip(string reason, string located)
    {
        Total++;
        if (!_byReason.TryGetValue(reason, out long n)) _reasons.Add(reason);
        _byReason[reason] = n + 1;
        if (Total <= maxMessages) Output($"warning: {Commands.CliRunner.Printable(located)} Skipped.");
        else if (Total == maxMessages + 1) Output($"warning: more than {maxMessages} rows skipped; only the count is reported from here on.");
    }
}
