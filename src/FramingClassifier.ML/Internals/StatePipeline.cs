using Microsoft.ML;

namespace FramingClassifier.ML;

/// <summary>
/// The ML.NET stages around a FramingClassifier mapping: copy the text in, put the encoded model in
/// a column (see <see cref="PipelineState"/>), run the mapping, copy the results out under the
/// caller's names and drop the pipeline's own columns. Every stage is a built-in ML.NET transform or
/// a CustomMapping, so ML.NET saves and loads the whole chain.
/// </summary>
internal static class StatePipeline
{
    // The stages hold no reference to a context once built; this one only constructs them.
    private static readonly MLContext s_ml = new(seed: 0);

    public static IEstimator<ITransformer> Build(string inputColumnName, string state, IEstimator<ITransformer> mapping,
        IReadOnlyList<(string Output, string Internal)> outputs, IEnumerable<string>? unused = null)
    {
        IEstimator<ITransformer> chain = s_ml.Transforms.CopyColumns(Columns.Text, inputColumnName)
            .Append(s_ml.Transforms.CustomMapping(new StateKeyMapping().GetMapping(), StateKeyMapping.Contract))
            .Append(s_ml.Transforms.Conversion.MapValue(Columns.State, [new KeyValuePair<string, string>(PipelineState.Key, state)], Columns.StateKey))
            .Append(mapping);
        foreach (var (output, source) in outputs)
            chain = chain.Append(s_ml.Transforms.CopyColumns(output, source));
        string[] internals = [Columns.Text, Columns.StateKey, Columns.State, .. outputs.Select(o => o.Internal), .. unused ?? []];
        return chain.Append(s_ml.Transforms.DropColumns(internals));
    }

    public static MLContext Context => s_ml;
}
