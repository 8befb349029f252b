using System.Globalization;

[assembly: NUnit.Framework.Parallelizable(NUnit.Framework.ParallelScope.Fixtures)]

namespace FramingClassifier.Tests;

/// <summary>Forces the invariant culture for the whole test assembly, so number formatting never depends on the machine.</summary>
[NUnit.Framework.SetUpFixture]
public sealed class AssemblySetup
{
    [NUnit.Framework.OneTimeSetUp]
    public void SetCulture()
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
    }
}
