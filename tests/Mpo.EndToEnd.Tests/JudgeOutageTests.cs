using Mpo.EndToEnd.Tests.Support;
using Mpo.TestSupport;
using Mpo.JudgeServer;
using Mpo.Judging.Bundled;
using Xunit.Abstractions;

namespace Mpo.EndToEnd.Tests;

/// <summary>LLM judges over real HTTP: an outage shorter than the retry budget neither fails the run nor changes its result.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class JudgeOutageTests(EndToEndFixture fixture, ITestOutputHelper output)
{
    /// <summary>503 answers injected in a row: fewer than the client's retries can absorb (4 per call, over concurrent calls).</summary>
    private const int OutageRequests = 8;

    [Fact(Timeout = 300_000)]
    public async Task Train_JudgeOutageShorterThanRetryBudget_CompletesAsTheOutageFreeRun()
    {
        // Arrange: two judge servers on 127.0.0.1 playing the embedded engine (real scores), one run on each, one worker for both.
        await using var clean = await JudgeTestServer.StartAsync(new EmbeddedEngineResponder(MiniQaTask.InitialRubric));
        await using var flaky = await JudgeTestServer.StartAsync(new EmbeddedEngineResponder(MiniQaTask.InitialRubric));
        await using var hub = fixture.NewHub(output);
        var (cleanRun, outageRun) = (TestNames.Unique("judged"), TestNames.Unique("outage"));
        await hub.StartRunAsync(cleanRun, EndToEndConfigs.Json(EndToEndConfigs.WithJudge(clean.BaseUrl, clean.Model)));
        await hub.StartRunAsync(outageRun, EndToEndConfigs.Json(EndToEndConfigs.WithJudge(flaky.BaseUrl, flaky.Model)));
        var worker = hub.StartWorker();

        // Act: once the second run has scored its first step, its judge answers 503 to the next requests.
        await hub.StatusUntilAsync(outageRun, s => s.GetProperty("step").GetInt32() >= 1, TimeSpan.FromSeconds(120), worker);
        flaky.Faults.ForNext(OutageRequests, new JudgeFault.Status(503));
        var outageStatus = await hub.CompletedAsync(outageRun, worker, TimeSpan.FromSeconds(180));
        var cleanStatus = await hub.CompletedAsync(cleanRun, worker, TimeSpan.FromSeconds(180));
        var withOutage = await fixture.Artifacts.OutcomeAsync(outageRun, outageStatus);
        var withoutOutage = await fixture.Artifacts.OutcomeAsync(cleanRun, cleanStatus);
        var failed = flaky.Log.Chats.Count(e => e.Fault is JudgeFault.Status { Code: 503 });
        EndToEndFixture.Log(output, $"judge requests: clean {clean.Log.Chats.Count}, with outage {flaky.Log.Chats.Count} ({failed} answered 503)");

        // Assert: the outage was hit in full and absorbed; both runs used the judges and ended identically.
        Assert.Equal(OutageRequests, failed);
        Assert.DoesNotContain(clean.Log.Chats, e => e.Fault is not null);
        Assert.Equal(clean.Log.Chats.Count + OutageRequests, flaky.Log.Chats.Count);
        Assert.Contains(clean.Log.Chats, e => e.Turn!.Kind == JudgeTurnKind.Score);
        SameTraining.AssertEqual(withoutOutage, withOutage);
        Assert.Equal(withoutOutage.MetricsSteps, withOutage.MetricsSteps);
    }
}
