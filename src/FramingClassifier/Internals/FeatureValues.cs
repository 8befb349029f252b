using System.Runtime.CompilerServices;

namespace FramingClassifier;

/// <summary>The value of a feature before L2 normalization: sublinear TF times IDF. Shared by training and scoring.</summary>
internal static class FeatureValues
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Value(in FeaturizerOptions options, int count, float idf)
    {
        float tf = count == 1 || !options.SublinearTf ? count : 1f + MathF.Log(count);
        return options.UseIdf ? tf * idf : tf;
    }
}
