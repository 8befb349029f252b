namespace FramingClassifier.ML;

/// <summary>
/// The pipeline's own column names. A CustomMapping's columns are fixed by its row types, so the
/// pipelines copy the user's text column in under <see cref="Text"/> and copy the results out
/// under the names the user asked for, then drop these.
/// </summary>
internal static class Columns
{
    public const string Text = "FramingClassifier.Text";
    public const string StateKey = "FramingClassifier.StateKey";
    public const string State = "FramingClassifier.State";
    public const string Features = "FramingClassifier.Features";
    public const string Label = "FramingClassifier.Label";
    public const string Score = "FramingClassifier.Score";

    public static string LabelOf(int head) => Label + head.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string ScoreOf(int head) => Score + head.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
