using System.Text.Json;

namespace FramingClassifier.Cli.Commands;

/// <summary>What a model file holds, as `framing info` prints it and `framing serve` returns it from GET /v1/model.</summary>
internal sealed record ModelInfo(string Model, int Format, string Featurizer, int FeatureRows, IReadOnlyList<ModelHead> Heads,
    IReadOnlyList<LabelTie> Ties, IReadOnlyDictionary<string, string> Metadata)
{
    public static ModelInfo Of(FramingModel model, string? file) => new(
        file ?? "(embedded default)", ModelFile.FormatVersion(model), model.Options.ToString(), model.FeatureRows, model.Heads, model.Ties,
        model.Metadata.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value));

    public void WriteText(TextWriter output)
    {
        output.WriteLine($"model:        {Model}");
        output.WriteLine($"format:       version {Format}");
        output.WriteLine($"featurizer:   {Featurizer}");
        output.WriteLine($"feature rows: {FeatureRows}");
        foreach (ModelHead h in Heads) output.WriteLine($"head:         {h}");
        foreach (LabelTie t in Ties) output.WriteLine($"tie:          {t}");
        foreach (var (key, value) in Metadata) output.WriteLine($"{key + ": ",-14}{value}");
    }

    public void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("model", Model);
        json.WriteNumber("format", Format);
        json.WriteString("featurizer", Featurizer);
        json.WriteNumber("feature_rows", FeatureRows);
        json.WriteStartArray("heads");
        foreach (ModelHead h in Heads)
        {
            json.WriteStartObject();
            json.WriteString("name", h.Name);
            json.WriteStartArray("labels");
            foreach (string label in h.Labels) json.WriteStringValue(label);
            json.WriteEndArray();
            json.WriteString("scorer", h.Scorer.ToString().ToLowerInvariant());
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("ties");
        foreach (LabelTie t in Ties) json.WriteStringValue(t.ToString());
        json.WriteEndArray();
        json.WriteStartObject("metadata");
        foreach (var (key, value) in Metadata) json.WriteString(key, value);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
