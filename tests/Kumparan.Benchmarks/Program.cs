using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Kumparan.Benchmarks.PipelineBenchmarks).Assembly).Run(args);
