namespace FramingClassifier.Training;

/// <summary>A row a head got wrong: what it should have said, what it said, how sure it was, and the text.</summary>
/// <param name="Head">The head.</param>
/// <param name="Gold">The label in the data.</param>
/// <param name="Predicted">The label the model chose.</param>
/// <param name="Probability">The model's probability for <paramref name="Predicted"/>.</param>
/// <param name="Text">The row's text.</param>
public sealed record EvaluationError(string Head, string Gold, string Predicted, double Probability, string Text);
