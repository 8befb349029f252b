using BenchmarkDotNet.Running;
using FramingClassifier.Benchmarks;

if (args is ["compare-runtime", _, ..])
    return RuntimeComparison.Run(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(ScoringBenchmarks).Assembly).Run(args);
return 0;
