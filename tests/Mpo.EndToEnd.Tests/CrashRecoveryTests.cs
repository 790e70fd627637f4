using System.Text.Json;
using Mpo.EndToEnd.Tests.Support;
using Mpo.TestSupport;
using Xunit.Abstractions;

namespace Mpo.EndToEnd.Tests;

/// <summary>A run whose only worker is SIGKILLed three times and restarted ends exactly where the uninterrupted run ended.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class CrashRecoveryTests(EndToEndFixture fixture, ITestOutputHelper output)
{
    /// <summary>Set to reproduce a failure with the seed it printed.</summary>
    public const string SeedVariable = "MPO_E2E_SEED";

    [Fact(Timeout = 300_000)]
    public async Task Train_WorkerKilledAtThreeRandomMoments_EndsWithTheUninterruptedCheckpoint()
    {
        // Arrange: three kill moments, each "once the worker is serving and the run has reached step k, after a random
        // share of one update's time (as the baseline run measured it)"; k distinct, early enough that the run is still going.
        int seed = int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), out var s) ? s : Environment.TickCount & 0x7FFFFFFF;
        var random = new Random(seed);
        var stepMs = (int)Math.Max(200, fixture.BaselineStepTime.TotalMilliseconds);
        var moments = Enumerable.Range(0, EndToEndConfigs.TotalSteps - 2).OrderBy(_ => random.Next()).Take(3).Order()
            .Select(step => (Step: step, DelayMs: random.Next(0, stepMs))).ToList();
        EndToEndFixture.Log(output, $"crash test: {SeedVariable}={seed}; {stepMs} ms per update; kills at (step, ms after reaching it): {string.Join(", ", moments)}");
        await using var hub = fixture.NewHub(output);
        var runId = TestNames.Unique("crashed");
        await hub.StartRunAsync(runId, EndToEndConfigs.Json(EndToEndConfigs.Standard()));

        // Act: kill -9 the worker at each moment and start a new one (same slot) right away.
        var worker = hub.StartWorker();
        var killedAt = new List<JsonElement>();
        foreach (var (step, delayMs) in moments)
        {
            await worker.WaitForOutputAsync(TaskHub.WorkerRunning, TimeSpan.FromSeconds(60));
            await hub.StatusUntilAsync(
                runId, st => st.GetProperty("state").GetString() == "Running" && st.GetProperty("step").GetInt32() >= step, TimeSpan.FromSeconds(120), worker);
            await Task.Delay(delayMs);
            var before = await hub.StatusAsync(runId);
            await worker.KillAsync();
            killedAt.Add(before);
            EndToEndFixture.Log(output, $"SIGKILL {worker.Name} at step {before.GetProperty("step")} ({before.GetProperty("state")})");
            worker = hub.StartWorker();
        }

        var status = await hub.CompletedAsync(runId, worker, TimeSpan.FromSeconds(180));
        var run = await fixture.Artifacts.OutcomeAsync(runId, status);

        // Assert: every kill hit a live run; the end state equals the uninterrupted run's, and nothing was applied twice.
        Assert.All(killedAt, k => Assert.NotEqual("Completed", k.GetProperty("state").GetString()));
        SameTraining.AssertEqual(fixture.Baseline, run);
        Assert.Empty(status.GetProperty("incidents").EnumerateArray());
        Assert.Equal(
            fixture.Baseline.Status.GetProperty("evaluations").EnumerateArray().Select(e => e.GetProperty("checkpoint_sha256").GetString()),
            status.GetProperty("evaluations").EnumerateArray().Select(e => e.GetProperty("checkpoint_sha256").GetString()));
    }
}
