using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace FramingClassifier.Cli.Batch;

/// <summary>
/// A progress bar on stderr while a batch is scored: share of the input read, rows per second and time
/// left. Shown only on a terminal, and not while the results themselves print to it; with stderr
/// redirected, or --quiet, the batch runs silently.
/// </summary>
internal static class BatchProgress
{
    /// <summary>
    /// Runs <paramref name="score"/>, which calls the given action with the running count of scored texts;
    /// the bar moves every <paramref name="reportEvery"/> texts (fewer for a slow model, so it keeps moving).
    /// </summary>
    public static void Run(BatchInput input, SkipLog skips, bool quiet, bool toStandardOutput, string unit, Action<Action<long>> score, int reportEvery = 1024)
    {
        if (quiet || Console.IsErrorRedirected || (toStandardOutput && !Console.IsOutputRedirected))
        {
            score(_ => { });
            return;
        }
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        Action<string> plain = skips.Output;
        skips.Output = line => console.WriteLine(line);
        try
        {
            Show(console, input, unit, score, reportEvery);
        }
        finally
        {
            skips.Output = plain;
        }
    }

    private static void Show(IAnsiConsole console, BatchInput input, string unit, Action<Action<long>> score, int reportEvery)
    {
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                ProgressTask task = context.AddTask(Describe(0, 0, unit), maxValue: input.Position?.Total ?? 1);
                task.IsIndeterminate = input.Position is null;
                var watch = Stopwatch.StartNew();
                long last = 0;
                score(count =>
                {
                    last = count;
                    if (count % reportEvery != 0) return;
                    if (input.Position is { } p) task.Value = p.Done;
                    task.Description = Describe(count, watch.Elapsed.TotalSeconds, unit);
                });
                task.Description = Describe(last, watch.Elapsed.TotalSeconds, unit);
                task.Value = task.MaxValue;
                task.IsIndeterminate = false;
                task.StopTask();
            });
    }

    private static string Describe(long count, double seconds, string unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} {unit}") + (seconds > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({count / seconds:N0}/s)") : "");
}
