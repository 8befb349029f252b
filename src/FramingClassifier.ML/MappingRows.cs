using System.ComponentModel;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace FramingClassifier.ML;

/// <summary>The input of the FramingClassifier mappings: the text and the pipeline's model. Used by saved ML.NET pipelines; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class FramingInputRow
{
    /// <summary>The text to featurize or score.</summary>
    [ColumnName(Columns.Text)]
    public ReadOnlyMemory<char> Text;

    /// <summary>The encoded model (see the ScoreFraming and FeaturizeFraming docs).</summary>
    [ColumnName(Columns.State)]
    public ReadOnlyMemory<char> State;
}

/// <summary>The constant key under which a pipeline's value mapping holds its model. Used by saved ML.NET pipelines; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class StateKeyRow
{
    /// <summary>Always the same key.</summary>
    [ColumnName(Columns.StateKey)]
    public string Key = "";
}

/// <summary>Writes the constant state key on every row, found by its contract name when ML.NET loads a pipeline.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Contract)]
public sealed class StateKeyMapping : CustomMappingFactory<FramingInputTextRow, StateKeyRow>
{
    internal const string Contract = "FramingClassifier.StateKey";

    /// <inheritdoc/>
    public override Action<FramingInputTextRow, StateKeyRow> GetMapping() => (_, output) => output.Key = PipelineState.Key;
}

/// <summary>The text column alone. Used by saved ML.NET pipelines; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class FramingInputTextRow
{
    /// <summary>The text.</summary>
    [ColumnName(Columns.Text)]
    public ReadOnlyMemory<char> Text;
}
