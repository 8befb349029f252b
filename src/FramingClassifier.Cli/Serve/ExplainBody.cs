using System.Globalization;
using System.Text.Json;

namespace FramingClassifier.Cli.Serve;

/// <summary>A POST /v1/explain body: {"text": "...", "head": "voice", "top": 10}, with top optional.</summary>
internal sealed record ExplainBody(string Text, ModelHead Head, int Top)
{
    public const int DefaultTop = 10;
    public const int MaxTop = 100;
    private const string Fields = "text, head or top";

    public static ExplainBody Parse(JsonElement root, FramingModel model, ServeOptions limits)
    {
        if (root.ValueKind != JsonValueKind.Object) throw JsonRequest.WrongKind(root, "$", "an object with text and head");
        string? text = null, head = null;
        int top = DefaultTop;
        foreach (JsonProperty p in root.EnumerateObject())
        {
            switch (p.Name)
            {
                case "text": text = JsonRequest.String(p.Value, "$.text"); break;
                case "head": head = JsonRequest.String(p.Value, "$.head"); break;
                case "top": top = JsonRequest.Integer(p.Value, "$.top", 1, MaxTop); break;
                default: throw JsonRequest.UnknownField("$", p.Name, Fields);
            }
        }
        if (text is null) throw JsonRequest.Missing("$", "text");
        if (head is null) throw JsonRequest.Missing("$", "head");
        if (text.Length > limits.MaxChars)
            throw new ApiException(413, string.Create(CultureInfo.InvariantCulture, $"$.text has {text.Length:N0} characters, over the limit of {limits.MaxChars:N0} per text (--max-chars)."));
        ModelHead target = ModelHead.Find(model.Heads, head)
            ?? throw new ApiException(400, $"$.head: the model has no head '{head}'; heads: {ModelHead.Names(model.Heads)}.");
        if (target.Scorer is HeadScorer.Trees or HeadScorer.Stacked)
            throw new ApiException(400, $"$.head: head '{head}' is scored by {target.Scorer.ToString().ToLowerInvariant()}; explanations cover linear heads only.");
        return new ExplainBody(text, target, top);
    }
}
