using Microsoft.ML;

namespace FramingClassifier.ML;

/// <summary>FramingClassifier on ML.NET's catalogs: <c>ml.Transforms.Text.FeaturizeFraming</c> and <c>ml.Transforms.ScoreFraming</c>.</summary>
public static class FramingCatalog
{
    /// <summary>
    /// Featurizes a text column as FramingClassifier does, for any ML.NET trainer: see <see cref="FramingFeaturizerEstimator"/>.
    /// Fitting learns the IDF from the training rows.
    /// </summary>
    /// <param name="catalog">The text transforms catalog.</param>
    /// <param name="outputColumnName">The feature vector column to add.</param>
    /// <param name="inputColumnName">The text column; <paramref name="outputColumnName"/> when null.</param>
    /// <param name="options">The featurizer options; <see cref="FeaturizerOptions.Default"/> when null.</param>
    /// <example><code>
    /// var pipeline = ml.Transforms.Text.FeaturizeFraming("Features", "Text", FeaturizerOptions.Default with { Buckets = 1 &lt;&lt; 18 })
    ///     .Append(ml.Transforms.Conversion.MapValueToKey("Label"))
    ///     .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy());
    /// </code></example>
    public static FramingFeaturizerEstimator FeaturizeFraming(this TransformsCatalog.TextTransforms catalog,
        string outputColumnName, string? inputColumnName = null, FeaturizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new FramingFeaturizerEstimator(outputColumnName, inputColumnName ?? outputColumnName, options ?? FeaturizerOptions.Default, null);
    }

    /// <summary>
    /// Featurizes a text column exactly as <paramref name="model"/> does before its weights: its options and
    /// the IDF it learned. Fitting learns nothing.
    /// </summary>
    /// <param name="catalog">The text transforms catalog.</param>
    /// <param name="outputColumnName">The feature vector column to add.</param>
    /// <param name="inputColumnName">The text column.</param>
    /// <param name="model">The model whose featurizer to use.</param>
    public static FramingFeaturizerEstimator FeaturizeFraming(this TransformsCatalog.TextTransforms catalog,
        string outputColumnName, string inputColumnName, FramingModel model)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        return new FramingFeaturizerEstimator(outputColumnName, inputColumnName, model.Options, model);
    }

    /// <summary>
    /// Scores a text column with a FramingClassifier model: per head a <c>{head}.PredictedLabel</c> and a
    /// <c>{head}.Score</c> column. See <see cref="FramingScorerEstimator"/>.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="model">The model; <see cref="FramingModel.Default"/> when null.</param>
    /// <param name="inputColumnName">The text column (default "Text").</param>
    /// <example><code>
    /// IDataView scored = ml.Transforms.ScoreFraming(FramingModel.Load("mine.fcm")).Fit(data).Transform(data);
    /// </code></example>
    public static FramingScorerEstimator ScoreFraming(this TransformsCatalog catalog, FramingModel? model = null, string inputColumnName = "Text")
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new FramingScorerEstimator(model ?? FramingModel.Default, inputColumnName);
    }

    /// <summary>
    /// Lets the ML.NET pipelines of this process score models that read the sentence embedding of
    /// <paramref name="encoder"/> (the accurate tier; <see cref="ISentenceEncoder.Name"/> must match the model's).
    /// ScoreFraming registers a model's own encoder as it is fitted; call this before loading a saved
    /// pipeline in a process that has not fitted one, for MiniLM with <c>MiniLmEncoder.Shared</c> of FramingClassifier.Embeddings.
    /// </summary>
    public static void RegisterSentenceEncoder(ISentenceEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        PipelineState.Register(encoder);
    }
}
