namespace Mpo.Training.Rl;

/// <summary>HF's linear schedule with warm-up, stepped once per update (step 12).</summary>
/// <remarks><see href="https://github.com/huggingface/transformers/blob/v4.51.0/src/transformers/optimization.py"/>
/// (get_linear_schedule_with_warmup). A pure function of the update index, so resuming needs only the counter.</remarks>
public static class LearningRateSchedule
{
    /// <summary>
    /// LR for update <paramref name="update"/> (0-based): <c>peak·u/warmup</c> during warm-up, then
    /// <c>peak·max(0, (N − u)/(N − warmup))</c>.
    /// </summary>
    public static double Linear(double peak, int update, int totalUpdates, int warmupSteps)
    {
        if (update < warmupSteps)
        {
            return peak * update / Math.Max(1, warmupSteps);
        }

        return peak * Math.Max(0.0, (double)(totalUpdates - update) / Math.Max(1, totalUpdates - warmupSteps));
    }
}
