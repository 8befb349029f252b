using System.CommandLine;
using System.Text;
using FramingClassifier.Cli.Batch;
using FramingClassifier.Cli.Profiles;

namespace FramingClassifier.Cli.Commands;

/// <summary>The views `framing profile` can write.</summary>
internal enum ProfileFormat { Table, Json, Html }

/// <summary>`framing profile`: label shares per group (outlet, document) from scored output, with 95% intervals.</summary>
internal static class ProfileCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "Scored JSONL, as `framing predict` writes it.", Required = true };
        var groupBy = new Option<string>("--group-by") { Description = "Field to group by: doc, or a column copied with predict --keep-columns (for example an outlet column).", DefaultValueFactory = _ => "doc" };
        var heads = new Option<string?>("--heads") { Description = "Comma-separated heads to report (default: every head in the input)." };
        var format = new Option<ProfileFormat>("--format") { Description = "table, json, or html (a self-contained page with bar charts).", DefaultValueFactory = _ => ProfileFormat.Table };
        var output = new Option<string>("--output") { Description = "Output file, or - for standard output.", DefaultValueFactory = _ => "-" };
        var command = new Command("profile", "Per group (document or source), the share of each label of each head, with counts and 95% Wilson intervals, as a table, JSON or an HTML report.")
        {
            input, groupBy, heads, format, output,
        };
        command.SetAction(r => CliRunner.Run(() =>
        {
            var skips = new SkipLog(Console.Error);
            ProfileReport report = new ProfileBuilder(r.GetValue(groupBy)!, CliRunner.SplitList(r.GetValue(heads)), skips).Build(r.GetValue(input)!);
            Action<Stream> write = r.GetValue(format) switch
            {
                ProfileFormat.Json => report.WriteJson,
                ProfileFormat.Html => s => s.Write(Encoding.UTF8.GetBytes(HtmlReport.Render(report))),
                _ => s => s.Write(Encoding.UTF8.GetBytes(report.ToTable())),
            };
            string path = r.GetValue(output)!;
            if (path == "-") Write(write);
            else CliRunner.WriteAtomically(path, write);
            if (skips.Total > 0) skips.WriteSummary(report.Groups.Sum(g => g.Sentences), "rows");
            return 0;
        }));
        return command;
    }

    // Through Console.Out, so that output redirected in-process (tests) is captured too.
    private static void Write(Action<Stream> write)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        Console.Out.Write(Encoding.UTF8.GetString(buffer.ToArray()));
        Console.Out.Flush();
    }
}
