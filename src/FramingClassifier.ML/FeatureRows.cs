using System.ComponentModel;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace FramingClassifier.ML;

// ML.NET rebuilds a CustomMapping from its contract name alone, so the vector length must be a
// compile-time constant: one row type per supported length, the smallest that holds the buckets.

/// <summary>Picks the FeaturizeFraming mapping for a bucket count.</summary>
internal static class FeatureMappings
{
    /// <summary>Longest feature vector FeaturizeFraming writes.</summary>
    public const int MaxLength = 1 << 22;

    /// <summary>The length of the feature column for <paramref name="buckets"/> buckets.</summary>
    public static int LengthFor(int buckets)
    {
        if (buckets > MaxLength) throw new ArgumentOutOfRangeException(nameof(buckets), buckets, $"FeaturizeFraming supports at most {MaxLength} buckets.");
        int length = 1 << 12;
        while (length < buckets) length <<= 2;
        return length;
    }

    public static IEstimator<ITransformer> For(MLContext ml, int buckets) =>
        LengthFor(buckets) switch
        {
            <= 4096 => ml.Transforms.CustomMapping(new FeaturizeMapping4096().GetMapping(), FeaturizeMapping4096.Contract),
            <= 16384 => ml.Transforms.CustomMapping(new FeaturizeMapping16384().GetMapping(), FeaturizeMapping16384.Contract),
            <= 65536 => ml.Transforms.CustomMapping(new FeaturizeMapping65536().GetMapping(), FeaturizeMapping65536.Contract),
            <= 262144 => ml.Transforms.CustomMapping(new FeaturizeMapping262144().GetMapping(), FeaturizeMapping262144.Contract),
            <= 1048576 => ml.Transforms.CustomMapping(new FeaturizeMapping1048576().GetMapping(), FeaturizeMapping1048576.Contract),
            <= 4194304 => ml.Transforms.CustomMapping(new FeaturizeMapping4194304().GetMapping(), FeaturizeMapping4194304.Contract),
            _ => throw new ArgumentOutOfRangeException(nameof(buckets)),
        };
}

/// <summary>A feature column of 4,096 slots. Used by saved ML.NET pipelines; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class FeatureRow4096
{
    /// <summary>The feature vector.</summary>
    [ColumnName(Columns.Features), VectorType(4096)]
    public VBuffer<float> Features;
}

/// <summary>The FeaturizeFraming mapping to 4,096 slots, found by its contract name when ML.NET loads a pipeline.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Contract)]
public sealed class FeaturizeMapping4096 : CustomMappingFactory<FramingInputRow, FeatureRow4096>
{
    internal const string Contract = "FramingClassifier.Featurize4096";

    /// <inheritdoc/>
    public override Action<FramingInputRow, FeatureRow4096> GetMapping() =>
        (input, output) => FeatureVector.Fill(PipelineState.Decode(input.State), input.Text.Span, 4096, ref output.Features);
}

/// <summary>A feature column of 16,384 slots. Used by saved ML.NET pipelines; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class FeatureRow16384
{
    /// <summary>The feature vector.</summary>
    [ColumnName(Columns.Features), VectorType(16384)]
    public VBuffer<float> Features;
}

/// <summary>The FeaturizeFraming mapping to 16,384 slots, found by its contract name when ML.NET loads a pipeline.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Contract)]
public sealed class FeaturizeMapping16384 : CustomMappingFactory<FramingInputRow, FeatureRow16384>
{
    internal const string Contract = "FramingClassifier.Featurize16384";

    /// <inheritdoc/>
    public override Action<FramingInputRow, FeatureRow16384> GetMapping() =>
        (input, output) => FeatureVector.Fill(PipelineState.Decode(input.State), input.Text.Span, 16384, ref output.Features);
}

/// <summary>A feature column of 65,536 slots. Used by saved ML.NET pipelines; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class FeatureRow65536
{
    /// <summary>The feature vector.</summary>
    [ColumnName(Columns.Features), VectorType(65536)]
    public VBuffer<float> Features;
}

/// <summary>The FeaturizeFraming mapping to 65,536 slots, found by its contract name when ML.NET loads a pipeline.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Contract)]
public sealed class FeaturizeMapping65536 : CustomMappingFactory<FramingInputRow, FeatureRow65536>
{
    internal const string Contract = "FramingClassifier.Featurize65536";

    /// <inheritdoc/>
    public override Action<FramingInputRow, FeatureRow65536> GetMapping() =>
        (input, output) => FeatureVector.Fill(PipelineState.Decode(input.State), input.Text.Span, 65536, ref output.Features);
}

/// <summary>A feature column of 262,144 slots. Used by saved ML.NET pipelines; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class FeatureRow262144
{
    /// <summary>The feature vector.</summary>
    [ColumnName(Columns.Features), VectorType(262144)]
    public VBuffer<float> Features;
}

/// <summary>The FeaturizeFraming mapping to 262,144 slots, found by its contract name when ML.NET loads a pipeline.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Contract)]
public sealed class FeaturizeMapping262144 : CustomMappingFactory<FramingInputRow, FeatureRow262144>
{
    internal const string Contract = "FramingClassifier.Featurize262144";

    /// <inheritdoc/>
    public override Action<FramingInputRow, FeatureRow262144> GetMapping() =>
        (input, output) => FeatureVector.Fill(PipelineState.Decode(input.State), input.Text.Span, 262144, ref output.Features);
}

/// <summary>A feature column of 1,048,576 slots. Used by saved ML.NET pipelines; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class FeatureRow1048576
{
    /// <summary>The feature vector.</summary>
    [ColumnName(Columns.Features), VectorType(1048576)]
    public VBuffer<float> Features;
}

/// <summary>The FeaturizeFraming mapping to 1,048,576 slots, found by its contract name when ML.NET loads a pipeline.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Contract)]
public sealed class FeaturizeMapping1048576 : CustomMappingFactory<FramingInputRow, FeatureRow1048576>
{
    internal const string Contract = "FramingClassifier.Featurize1048576";

    /// <inheritdoc/>
    public override Action<FramingInputRow, FeatureRow1048576> GetMapping() =>
        (input, output) => FeatureVector.Fill(PipelineState.Decode(input.State), input.Text.Span, 1048576, ref output.Features);
}

/// <summary>A feature column of 4,194,304 slots. Used by saved ML.NET pipelines; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class FeatureRow4194304
{
    /// <summary>The feature vector.</summary>
    [ColumnName(Columns.Features), VectorType(4194304)]
    public VBuffer<float> Features;
}

/// <summary>The FeaturizeFraming mapping to 4,194,304 slots, found by its contract name when ML.NET loads a pipeline.</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(Contract)]
public sealed class FeaturizeMapping4194304 : CustomMappingFactory<FramingInputRow, FeatureRow4194304>
{
    internal const string Contract = "FramingClassifier.Featurize4194304";

    /// <inheritdoc/>
    public override Action<FramingInputRow, FeatureRow4194304> GetMapping() =>
        (input, output) => FeatureVector.Fill(PipelineState.Decode(input.State), input.Text.Span, 4194304, ref output.Features);
}
