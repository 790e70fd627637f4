namespace Mpo.Training.Pretraining;

/// <summary>Warmup then decay, as a pure function of the step (so a schedule is reproducible and testable alone).</summary>
public static class LearningRateSchedule
{
    /// <summary>The learning rate of 0-based <paramref name="step"/>.</summary>
    public static double At(SupervisedTrainerOptions options, int step)
    {
        ArgumentNullException.ThrowIfNull(options);
        // 1. Linear warmup: step 0 gets peak/warmup, step warmup−1 the peak.
        if (step < options.WarmupSteps)
        {
            return options.LearningRate * (step + 1) / options.WarmupSteps;
        }

        // 2. Decay over the remaining steps to MinLearningRateRatio × peak.
        int decaySteps = Math.Max(1, options.Steps - options.WarmupSteps - 1);
        double progress = Math.Clamp((double)(step - options.WarmupSteps) / decaySteps, 0, 1);
        double shape = options.Decay == LearningRateDecay.Cosine ? 0.5 * (1 + Math.Cos(Math.PI * progress)) : 1 - progress;
        double floor = options.MinLearningRateRatio;
        return options.LearningRate * (floor + ((1 - floor) * shape));
    }
}
