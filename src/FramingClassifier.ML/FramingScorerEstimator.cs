using Microsoft.ML;

namespace FramingClassifier.ML;

/// <summary>
/// Scores a text column with a <see cref="FramingModel"/>: per head, a predicted label column
/// (<c>{head}.PredictedLabel</c>, text) and a score column (<c>{head}.Score</c>, the label
/// probabilities in <see cref="ModelHead.Labels"/> order). Nothing is learned: fitting only builds
/// the transformer, which ML.NET saves and loads with the model inside. Create it with
/// <see cref="FramingCatalog.ScoreFraming(TransformsCatalog, FramingModel?, string)"/>.
/// </summary>
/// <example><code>
/// ITransformer scorer = ml.Transforms.ScoreFraming(FramingModel.Default, "Text").Fit(data);
/// IDataView scored = scorer.Transform(data); // Text, ..., framing.PredictedLabel, framing.Score, voice.PredictedLabel, ...
/// </code></example>
public sealed class FramingScorerEstimator : IEstimator<ITransformer>
{
    private readonly FramingModel _model;
    private readonly string _inputColumnName;

    internal FramingScorerEstimator(FramingModel model, string inputColumnName)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(inputColumnName);
        if (model.Heads.Count > ScoreRow.MaxHeads)
            throw new ArgumentException($"ScoreFraming scores at most {ScoreRow.MaxHeads} heads; the model has {model.Heads.Count}.", nameof(model));
        _model = model;
        _inputColumnName = inputColumnName;
    }

    /// <summary>The name of the predicted label column of <paramref name="head"/>.</summary>
    public static string LabelColumnOf(string head) => head + ".PredictedLabel";

    /// <summary>The name of the score (label probabilities) column of <paramref name="head"/>.</summary>
    public static string ScoreColumnOf(string head) => head + ".Score";

    /// <summary>Returns the scoring transformer; <paramref name="input"/> only supplies the schema.</summary>
    public ITransformer Fit(IDataView input) => Pipeline(PipelineState.Encode(_model)).Fit(input);

    /// <inheritdoc/>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => Pipeline(PipelineState.Default).GetOutputSchema(inputSchema);

    private IEstimator<ITransformer> Pipeline(string state)
    {
        var outputs = new List<(string, string)>();
        for (int h = 0; h < _model.Heads.Count; h++)
        {
            outputs.Add((LabelColumnOf(_model.Heads[h].Name), Columns.LabelOf(h)));
            outputs.Add((ScoreColumnOf(_model.Heads[h].Name), Columns.ScoreOf(h)));
        }
        var mapping = StatePipeline.Context.Transforms.CustomMapping(new ScoreMapping().GetMapping(), ScoreMapping.Contract);
        // The mapping writes every head slot; those the model lacks are dropped with the internals.
        var unused = Enumerable.Range(_model.Heads.Count, ScoreRow.MaxHeads - _model.Heads.Count).SelectMany(h => new[] { Columns.LabelOf(h), Columns.ScoreOf(h) });
        return StatePipeline.Build(_inputColumnName, state, mapping, outputs, unused);
    }
}
