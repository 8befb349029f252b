namespace FramingClassifier;

/// <summary>How much one feature pushed a head towards its predicted label.</summary>
/// <param name="Feature">The feature as text: a word, an n-gram, 'char-gram', quoted:word, reported:word or [Flag].</param>
/// <param name="Kind">The kind of feature.</param>
/// <param name="Contribution">Its weight times its value, for the predicted label minus the mean of the other labels; positive pushes towards the label.</param>
public readonly record struct FeatureContribution(string Feature, FeatureKind Kind, float Contribution);

/// <summary>The prediction of one head with the features that pushed it most.</summary>
/// <param name="Prediction">The head's prediction.</param>
/// <param name="Features">The features with the largest absolute contributions, largest first.</param>
public sealed record Explanation(HeadPrediction Prediction, IReadOnlyList<FeatureContribution> Features);
