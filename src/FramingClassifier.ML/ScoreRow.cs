using System.ComponentModel;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace FramingClassifier.ML;

/// <summary>
/// What ScoreFraming writes for up to 8 heads, before the pipeline renames the columns after the
/// model's heads. Used by saved ML.NET pipelines; not for direct use.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ScoreRow
{
    /// <summary>Most heads a model scored through ML.NET may have.</summary>
    public const int MaxHeads = 8;

    /// <summary>Predicted label of head 0.</summary>
    [ColumnName(Columns.Label + "0")]
    public ReadOnlyMemory<char> Label0;

    /// <summary>Label probabilities of head 0.</summary>
    [ColumnName(Columns.Score + "0")]
    public VBuffer<float> Score0;

    /// <summary>Predicted label of head 1.</summary>
    [ColumnName(Columns.Label + "1")]
    public ReadOnlyMemory<char> Label1;

    /// <summary>Label probabilities of head 1.</summary>
    [ColumnName(Columns.Score + "1")]
    public VBuffer<float> Score1;

    /// <summary>Predicted label of head 2.</summary>
    [ColumnName(Columns.Label + "2")]
    public ReadOnlyMemory<char> Label2;

    /// <summary>Label probabilities of head 2.</summary>
    [ColumnName(Columns.Score + "2")]
    public VBuffer<float> Score2;

    /// <summary>Predicted label of head 3.</summary>
    [ColumnName(Columns.Label + "3")]
    public ReadOnlyMemory<char> Label3;

    /// <summary>Label probabilities of head 3.</summary>
    [ColumnName(Columns.Score + "3")]
    public VBuffer<float> Score3;

    /// <summary>Predicted label of head 4.</summary>
    [ColumnName(Columns.Label + "4")]
    public ReadOnlyMemory<char> Label4;

    /// <summary>Label probabilities of head 4.</summary>
    [ColumnName(Columns.Score + "4")]
    public VBuffer<float> Score4;

    /// <summary>Predicted label of head 5.</summary>
    [ColumnName(Columns.Label + "5")]
    public ReadOnlyMemory<char> Label5;

    /// <summary>Label probabilities of head 5.</summary>
    [ColumnName(Columns.Score + "5")]
    public VBuffer<float> Score5;

    /// <summary>Predicted label of head 6.</summary>
    [ColumnName(Columns.Label + "6")]
    public ReadOnlyMemory<char> Label6;

    /// <summary>Label probabilities of head 6.</summary>
    [ColumnName(Columns.Score + "6")]
    public VBuffer<float> Score6;

    /// <summary>Predicted label of head 7.</summary>
    [ColumnName(Columns.Label + "7")]
    public ReadOnlyMemory<char> Label7;

    /// <summary>Label probabilities of head 7.</summary>
    [ColumnName(Columns.Score + "7")]
    public VBuffer<float> Score7;

    internal void Set(int head, ReadOnlyMemory<char> label, ReadOnlySpan<float> probabilities)
    {
        switch (head)
        {
            case 0: Label0 = label; Fill(ref Score0, probabilities); break;
            case 1: Label1 = label; Fill(ref Score1, probabilities); break;
            case 2: Label2 = label; Fill(ref Score2, probabilities); break;
            case 3: Label3 = label; Fill(ref Score3, probabilities); break;
            case 4: Label4 = label; Fill(ref Score4, probabilities); break;
            case 5: Label5 = label; Fill(ref Score5, probabilities); break;
            case 6: Label6 = label; Fill(ref Score6, probabilities); break;
            case 7: Label7 = label; Fill(ref Score7, probabilities); break;
            default: throw new ArgumentOutOfRangeException(nameof(head));
        }
    }

    private static void Fill(ref VBuffer<float> score, ReadOnlySpan<float> probabilities)
    {
        var editor = VBufferEditor.Create(ref score, probabilities.Length);
        probabilities.CopyTo(editor.Values);
        score = editor.Commit();
    }
}

/// <summary>The ScoreFraming mapping, found by its contract name when ML.NET loads a pipeline.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Contract)]
public sealed class ScoreMapping : CustomMappingFactory<FramingInputRow, ScoreRow>
{
    internal const string Contract = "FramingClassifier.Score";

    [ThreadStatic]
    private static float[]? t_probabilities;

    /// <inheritdoc/>
    public override Action<FramingInputRow, ScoreRow> GetMapping() => (input, output) =>
    {
        FramingModel model = PipelineState.Decode(input.State);
        float[] probabilities = t_probabilities is { } p && p.Length >= model.LabelCount ? p : t_probabilities = new float[model.LabelCount];
        model.Predict(input.Text.Span, probabilities);
        for (int h = 0; h < model.Heads.Count; h++)
        {
            ModelHead head = model.Heads[h];
            ReadOnlySpan<float> headProbabilities = probabilities.AsSpan(head.Offset, head.Labels.Count);
            output.Set(h, head.Labels[FramingModel.ArgMax(headProbabilities)].AsMemory(), headProbabilities);
        }
    };
}
