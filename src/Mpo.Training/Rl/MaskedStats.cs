using static TorchSharp.torch;

namespace Mpo.Training.Rl;

/// <summary>Means, variances and whitening over the positions a mask selects, as TRL computes them.</summary>
/// <remarks><see href="https://github.com/huggingface/trl/blob/v0.17.0/trl/core.py"/> (masked_mean, masked_var,
/// masked_whiten). Masks are bool or 0/1 tensors of the values' shape.</remarks>
public static class MaskedStats
{
    /// <summary>Σ(values·mask) / Σ mask over all elements: a scalar tensor.</summary>
    public static Tensor MaskedMean(Tensor values, Tensor mask)
    {
        using var scope = NewDisposeScope();
        var m = mask.to_type(values.dtype);
        return ((values * m).sum() / m.sum()).MoveToOuterDisposeScope();
    }

    /// <summary>Σ(values·mask) / Σ mask along <paramref name="dim"/>.</summary>
    public static Tensor MaskedMean(Tensor values, Tensor mask, long dim)
    {
        using var scope = NewDisposeScope();
        var m = mask.to_type(values.dtype);
        return ((values * m).sum(dim) / m.sum(dim)).MoveToOuterDisposeScope();
    }

    /// <summary>Masked variance, Bessel-corrected by n/(n−1) when <paramref name="unbiased"/> (TRL's default).</summary>
    /// <exception cref="ArgumentException">Fewer than 2 selected positions with <paramref name="unbiased"/>.</exception>
    public static Tensor MaskedVar(Tensor values, Tensor mask, bool unbiased = true)
    {
        using var scope = NewDisposeScope();
        var mean = MaskedMean(values, mask);
        var centered = values - mean;
        var variance = MaskedMean(centered * centered, mask);
        if (unbiased)
        {
            double n = mask.to_type(ScalarType.Float64).sum().item<double>();
            if (n < 2)
            {
                throw new ArgumentException($"masked variance needs at least 2 selected positions, got {n}.", nameof(mask));
            }

            variance = variance * (n / (n - 1));
        }

        return variance.MoveToOuterDisposeScope();
    }

    /// <summary>(values − mean)/√(var + 1e-8) over the mask; the mean is added back unless <paramref name="shiftMean"/>.</summary>
    /// <remarks>Positions outside the mask are transformed too; callers zero them afterwards, as TRL does.</remarks>
    public static Tensor MaskedWhiten(Tensor values, Tensor mask, bool shiftMean = true)
    {
        using var scope = NewDisposeScope();
        var mean = MaskedMean(values, mask);
        var variance = MaskedVar(values, mask);
        var whitened = (values - mean) * (variance + 1e-8).rsqrt();
        if (!shiftMean)
        {
            whitened = whitened + mean;
        }

        return whitened.MoveToOuterDisposeScope();
    }
}
