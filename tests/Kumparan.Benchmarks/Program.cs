using BenchmarkDotNet.Running;

// "photos N FOLDER": camera-sized photos for tests/bench/images.sh; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "photos")
{
    return Kumparan.Benchmarks.Photos.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Kumparan.Benchmarks.PipelineBenchmarks).Assembly).Run(args);
return 0;
