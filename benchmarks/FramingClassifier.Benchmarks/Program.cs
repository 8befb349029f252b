using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(FramingClassifier.Benchmarks.ScoringBenchmarks).Assembly).Run(args);
