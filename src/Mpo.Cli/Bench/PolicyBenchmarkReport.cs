namespace Mpo.Cli.Bench;

/// <summary>
/// The result of <c>mpo bench policy</c>: medians of each implementation over alternating rounds, and the ratios
/// (ours / PyTorch, time per unit of work: below 1 means TorchSharp is faster).
/// </summary>
internal sealed record PolicyBenchmarkReport(
    int Threads,
    bool Quick,
    int Rounds,
    long Parameters,
    string Shape,
    double TrainStepMs,
    double PyTorchTrainStepMs,
    double SampleTokensPerSecond,
    double PyTorchSampleTokensPerSecond,
    double SampleNoCacheTokensPerSecond,
    double PyTorchSampleNoCacheTokensPerSecond,
    double TrainStepRatioVsPyTorch,
    double SamplingRatioVsPyTorch,
    double KvCacheSpeedup,
    double PyTorchKvCacheSpeedup,
    string PyTorchVersion,
    string PyTorchBlas,
    string PyTorchConfig);
