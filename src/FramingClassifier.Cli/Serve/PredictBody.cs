using System.Globalization;
using System.Text.Json;

namespace FramingClassifier.Cli.Serve;

/// <summary>
/// A POST /v1/predict body: a JSON array of texts, or {"texts": [...], "split_sentences": true, "heads": [...]}
/// with only texts required.
/// </summary>
internal sealed record PredictBody(List<string> Texts, bool SplitSentences, ModelHead[] Heads)
{
    private const string Fields = "texts, split_sentences or heads";

    public static PredictBody Parse(JsonElement root, FramingModel model, ServeOptions limits)
    {
        PredictBody body = root.ValueKind switch
        {
            JsonValueKind.Array => new PredictBody(JsonRequest.Strings(root, "$"), false, [.. model.Heads]),
            JsonValueKind.Object => FromObject(root, model),
            _ => throw JsonRequest.WrongKind(root, "$", "an array of texts or an object with texts"),
        };
        string at = root.ValueKind == JsonValueKind.Array ? "$" : "$.texts";
        if (body.Texts.Count > limits.MaxTexts)
            throw new ApiException(413, Invariant($"{at} has {body.Texts.Count:N0} texts, over the limit of {limits.MaxTexts:N0} per request (--max-texts)."));
        for (int i = 0; i < body.Texts.Count; i++)
            if (body.Texts[i].Length > limits.MaxChars)
                throw new ApiException(413, Invariant($"{at}[{i}] has {body.Texts[i].Length:N0} characters, over the limit of {limits.MaxChars:N0} per text (--max-chars)."));
        return body;
    }

    private static PredictBody FromObject(JsonElement root, FramingModel model)
    {
        List<string>? texts = null;
        bool split = false;
        ModelHead[] heads = [.. model.Heads];
        foreach (JsonProperty p in root.EnumerateObject())
        {
            switch (p.Name)
            {
                case "texts": texts = JsonRequest.Strings(p.Value, "$.texts"); break;
                case "split_sentences": split = JsonRequest.Boolean(p.Value, "$.split_sentences"); break;
                case "heads": heads = SelectHeads(p.Value, model); break;
                default: throw JsonRequest.UnknownField("$", p.Name, Fields);
            }
        }
        return new PredictBody(texts ?? throw JsonRequest.Missing("$", "texts"), split, heads);
    }

    private static ModelHead[] SelectHeads(JsonElement value, FramingModel model)
    {
        List<string> names = JsonRequest.Strings(value, "$.heads");
        var heads = new ModelHead[names.Count];
        for (int i = 0; i < heads.Length; i++)
            heads[i] = ModelHead.Find(model.Heads, names[i])
                ?? throw new ApiException(400, $"$.heads[{i}]: the model has no head '{names[i]}'; heads: {ModelHead.Names(model.Heads)}.");
        return heads;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
