using Microsoft.ML;
using Microsoft.ML.Data;

namespace FramingClassifier.ML;

/// <summary>
/// Appends FramingClassifier's feature vector of a text column: word and character n-grams, quoted
/// and reported words and sentence flags, hashed into buckets, sublinear TF times IDF, L2-normalized,
/// as a sparse vector of <see cref="float"/> indexed by bucket. Any ML.NET trainer takes it as its
/// features column. Create it with <see cref="FramingCatalog.FeaturizeFraming(TransformsCatalog.TextTransforms, string, string?, FeaturizerOptions?)"/>.
/// </summary>
/// <remarks>
/// Fitting learns the IDF of the training texts (unless the options turn IDF off, or a trained
/// <see cref="FramingModel"/> supplies it). The column's length is the bucket count rounded up to a
/// power of 4 between 4,096 and 4,194,304 (the default 2^20 buckets give 1,048,576 slots).
/// </remarks>
/// <example><code>
/// var pipeline = ml.Transforms.Text.FeaturizeFraming("Features", "Text")
///     .Append(ml.Transforms.Conversion.MapValueToKey("Label"))
///     .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy());
/// </code></example>
public sealed class FramingFeaturizerEstimator : IEstimator<ITransformer>
{
    private readonly string _outputColumnName;
    private readonly string _inputColumnName;
    private readonly FeaturizerOptions _options;
    private readonly FramingModel? _model;

    internal FramingFeaturizerEstimator(string outputColumnName, string inputColumnName, FeaturizerOptions options, FramingModel? model)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputColumnName);
        ArgumentException.ThrowIfNullOrEmpty(inputColumnName);
        options.Validate();
        FeatureMappings.LengthFor(options.Buckets);
        _outputColumnName = outputColumnName;
        _inputColumnName = inputColumnName;
        _options = options;
        _model = model;
    }

    /// <summary>The length of the output vector.</summary>
    public int Length => FeatureMappings.LengthFor(_options.Buckets);

    /// <summary>Learns the IDF of the input's text column (or takes the model's) and returns the featurizing transformer.</summary>
    public ITransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        FramingModel state = _model ?? FeatureVector.LearnIdf(Texts(input, _inputColumnName), _options);
        return Pipeline(PipelineState.Encode(state)).Fit(input);
    }

    /// <inheritdoc/>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => Pipeline(PipelineState.Default).GetOutputSchema(inputSchema);

    private IEstimator<ITransformer> Pipeline(string state) =>
        StatePipeline.Build(_inputColumnName, state, FeatureMappings.For(StatePipeline.Context, _options.Buckets), [(_outputColumnName, Columns.Features)]);

    private static List<string> Texts(IDataView input, string column)
    {
        DataViewSchema.Column? c = input.Schema.GetColumnOrNull(column)
            ?? throw new ArgumentException($"The data has no column '{column}'.", nameof(input));
        return input.GetColumn<ReadOnlyMemory<char>>(c.Value).Select(t => t.ToString()).ToList();
    }
}
