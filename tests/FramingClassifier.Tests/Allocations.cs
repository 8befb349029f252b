namespace FramingClassifier.Tests;

/// <summary>Measures what the buffer overload of Predict allocates once the calling thread is warm.</summary>
internal static class Allocations
{
    public static long OfWarmPredictions(FramingModel model)
    {
        var buffer = new float[model.LabelCount];
        const string text = "“The militia burned a village at dawn near the border post,” a witness told reporters on Tuesday.";
        // Tier-0 code may allocate until the JIT's tier-1 code arrives, later on a loaded machine: the
        // fewest bytes of 100 predictions over up to 40 rounds is what warm code allocates.
        long fewest = long.MaxValue;
        for (int round = 0; round < 40 && fewest > 0; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100; i++) model.Predict(text, buffer);
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
            if (fewest > 0) Thread.Sleep(50);
        }
        return fewest;
    }
}
