using System.CommandLine;
using System.Globalization;

namespace FramingClassifier.Cli.Commands;

/// <summary>`framing explain`: the features that pushed each head's decision for one sentence.</summary>
internal static class ExplainCommand
{
    public static Command Create()
    {
        var model = SharedOptions.Model(required: false);
        var head = new Option<string?>("--head") { Description = "Head to explain (default: every head)." };
        var top = new Option<int>("--top") { Description = "Features to list per head.", DefaultValueFactory = _ => 10 };
        var maxChars = new Option<int>("--max-chars") { Description = "Refuse a sentence longer than this, as predict skips one.", DefaultValueFactory = _ => SharedOptions.DefaultMaxChars };
        var sentence = new Argument<string>("sentence") { Description = "The sentence to explain." };
        var command = new Command("explain", "Show the n-grams that pushed each head's decision most, with their contributions.")
        {
            model, head, top, maxChars, sentence,
        };
        command.SetAction(r => CliRunner.Run(() =>
        {
            string text = r.GetValue(sentence)!;
            if (text.Length > r.GetValue(maxChars))
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"the sentence has {text.Length:N0} characters, over --max-chars {r.GetValue(maxChars):N0}."));
            FramingModel m = CliRunner.LoadModel(r.GetValue(model));
            string? only = r.GetValue(head);
            foreach (ModelHead h in only is null ? m.Heads : [m.Head(only)])
            {
                Explanation e = m.Explain(text, h.Name, r.GetValue(top));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{h.Name}: {e.Prediction.Label} (p = {e.Prediction.Probability:0.000})"));
                foreach (FeatureContribution c in e.Features)
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {c.Contribution,8:+0.0000;-0.0000}  {c.Feature}"));
            }
            return 0;
        }));
        return command;
    }
}
