using static TorchSharp.torch;

namespace Mpo.Training.Rl;

/// <summary>Means of the micro-batch diagnostics of one update.</summary>
internal sealed record LoopStats(
    double PolicyLoss, double? ValueLoss, double PolicyClipFraction, double? ValueClipFraction,
    double ApproxKl, double Entropy, double Ratio, double GradNorm, int OptimizerSteps);

/// <summary>Collects per-micro-batch diagnostics as plain numbers (read with <c>item</c>, no graph kept).</summary>
internal sealed class LoopAccumulator
{
    private readonly List<double> _pg = [], _vf = [], _pgClip = [], _vfClip = [], _approxKl = [], _entropy = [], _ratio = [];

    public double GradNorm { get; set; }

    public int OptimizerSteps { get; set; }

    public void Add(ClippedLoss policy, ClippedLoss? value)
    {
        _pg.Add(policy.Loss.item<float>());
        _pgClip.Add(policy.ClipFraction.item<float>());
        if (value is not null)
        {
            _vf.Add(value.Loss.item<float>());
            _vfClip.Add(value.ClipFraction.item<float>());
        }
    }

    public void AddPolicy(Tensor entropy, Tensor approxKl, Tensor ratio)
    {
        _entropy.Add(entropy.item<float>());
        _approxKl.Add(approxKl.item<float>());
        _ratio.Add(ratio.item<float>());
    }

    public LoopStats ToStats() => new(
        _pg.Average(), _vf.Count > 0 ? _vf.Average() : null, _pgClip.Average(), _vfClip.Count > 0 ? _vfClip.Average() : null,
        _approxKl.Average(), _entropy.Average(), _ratio.Average(), GradNorm, OptimizerSteps);
}
