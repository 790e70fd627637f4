using static TorchSharp.torch;

namespace Mpo.Training.Model;

/// <summary>
/// Rotary position embeddings with Hugging Face's <c>rotate_half</c> convention: the head is split into halves
/// (not interleaved pairs), and frequency i is <c>rope_theta^(−2i/d)</c>, optionally rescaled as Llama 3 does.
/// Holds no parameters: the frequencies are recomputed per call on the positions' device, which keeps them out of
/// the state_dict exactly as HF's non-persistent <c>inv_freq</c> buffer.
/// </summary>
public sealed class RotaryEmbedding
{
    private readonly float[] _inverseFrequencies; // (head_dim / 2)

    /// <summary>Precomputes the inverse frequencies for <paramref name="config"/>.</summary>
    public RotaryEmbedding(ModelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var dim = config.HeadDim;
        _inverseFrequencies = new float[dim / 2];
        for (int i = 0; i < _inverseFrequencies.Length; i++)
        {
            var exponent = (float)(2 * i) / dim;
            var frequency = 1.0 / Math.Pow(config.RopeTheta, exponent);
            _inverseFrequencies[i] = (float)(config.RopeScaling is { } s ? Llama3Scale(frequency, s) : frequency);
        }
    }

    /// <summary>Cosines and sines for <paramref name="positionIds"/> (B, T), each (B, T, head_dim) in <paramref name="dtype"/>.</summary>
    public (Tensor Cos, Tensor Sin) Compute(Tensor positionIds, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var inv = tensor(_inverseFrequencies, device: positionIds.device); // (d/2)
        var freqs = positionIds.to(ScalarType.Float32).unsqueeze(-1).mul(inv); // (B, T, d/2)
        var emb = cat([freqs, freqs], -1); // (B, T, d)
        var cos = emb.cos().to(dtype).MoveToOuterDisposeScope();
        var sin = emb.sin().to(dtype).MoveToOuterDisposeScope();
        return (cos, sin);
    }

    /// <summary>Rotates <paramref name="x"/> (B, h, T, d) by the angles in <paramref name="cos"/>/<paramref name="sin"/> (B, T, d).</summary>
    public static Tensor Apply(Tensor x, Tensor cos, Tensor sin)
    {
        using var scope = NewDisposeScope();
        var half = x.shape[^1] / 2;
        var x1 = x.narrow(-1, 0, half);
        var x2 = x.narrow(-1, half, half);
        var rotated = cat([x2.neg(), x1], -1); // (B, h, T, d)
        var c = cos.unsqueeze(1); // (B, 1, T, d)
        var s = sin.unsqueeze(1);
        return x.mul(c).add_(rotated.mul_(s)).MoveToOuterDisposeScope();
    }

    private static double Llama3Scale(double frequency, RopeScaling s)
    {
        var lowWavelength = s.OriginalMaxPositions / s.LowFrequencyFactor;
        var highWavelength = s.OriginalMaxPositions / s.HighFrequencyFactor;
        var wavelength = 2 * Math.PI / frequency;
        if (wavelength < highWavelength)
        {
            return frequency;
        }

        if (wavelength > lowWavelength)
        {
            return frequency / s.Factor;
        }

        var smooth = ((s.OriginalMaxPositions / wavelength) - s.LowFrequencyFactor) / (s.HighFrequencyFactor - s.LowFrequencyFactor);
        return ((1 - smooth) * frequency / s.Factor) + (smooth * frequency);
    }
}
