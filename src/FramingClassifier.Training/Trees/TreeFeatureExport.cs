using System.Globalization;

namespace FramingClassifier.Training;

/// <summary>
/// Writes the exact feature vectors a tree head reads (selected n-gram tf-idf values, text statistics,
/// and for a stacked head its linear scores) in svmlight format, so other gradient-boosting
/// libraries can be compared on the same inputs. A debugging and benchmarking aid.
/// </summary>
public static class TreeFeatureExport
{
    /// <summary>
    /// One line per row of <paramref name="data"/>: the label's index in the head's label set (-1 when
    /// unknown or empty), then 1-based "feature:value" pairs of the non-zero features.
    /// </summary>
    /// <returns>The number of features (the highest possible index).</returns>
    /// <exception cref="InvalidOperationException">The head is linear.</exception>
    public static int WriteSvmLight(FramingModel model, string head, LabeledDataset data, string labelColumn, TextWriter writer)
    {
        ModelHead target = model.Head(head);
        TreeEnsemble trees = target.Trees ?? throw new InvalidOperationException($"Head '{head}' is linear; it has no tree features.");
        int column = data.Heads.ToList().IndexOf(labelColumn);
        var values = new float[trees.FeatureCount];
        var line = new System.Text.StringBuilder();
        for (int i = 0; i < data.Count; i++)
        {
            ScoringScratch scratch = ScoringScratch.Current;
            ReadOnlySpan<Token> tokens = scratch.Featurize(model.Options, data.Texts[i], out ReadOnlySpan<char> normalized);
            scratch.EnsureWidth(model.Linear.Stride);
            model.Linear.Score(model.Options, scratch.Counter, scratch.Accumulator, scratch.Scores);
            Array.Clear(values);
            trees.Gather(model.Options, model.Linear, scratch.Counter, normalized, tokens, scratch.Scores.AsSpan(target.Offset, target.Labels.Count), values);
            string? label = column >= 0 ? data.Labels[column][i] : null;
            line.Clear().Append(label is null ? -1 : target.Labels.ToList().IndexOf(label));
            for (int f = 0; f < values.Length; f++)
                if (values[f] != 0) line.Append(' ').Append(f + 1).Append(':').Append(values[f].ToString("R", CultureInfo.InvariantCulture));
            writer.WriteLine(line);
        }
        return values.Length;
    }
}
