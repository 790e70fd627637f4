using Mpo.JudgeServer;
using Mpo.Judging.Abstractions;
using Mpo.Judging.Embedded;
using Mpo.Judging.Resilience;
using Mpo.Judging.Tests.Detectors;

namespace Mpo.Judging.Tests.Llm;

/// <summary>Fault injection against the server playing the embedded engine: recovered faults leave rewards equal to the
/// embedded model's; unrecovered ones are failures (NaN, never 0); too many fail the batch.</summary>
public sealed class EmbeddedEngineFaultTests
{
    private static readonly IReadOnlyList<JudgeSample> Samples = HackingFixtures.MpoEssays().Take(2).Concat(HackingFixtures.TitleOnly().Take(1)).ToList();

    public static TheoryData<string> RecoverableFaults() => ["500", "503", "429", "hang", "slow", "malformed"];

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(RecoverableFaults))]
    public async Task ScoreAsync_FaultThenSuccess_RewardsEqualEmbedded(string fault)
    {
        // Arrange
        await using var h = await JudgeHarness.StartAsync(o => o with { Timeout = TimeSpan.FromSeconds(1) }, new EmbeddedEngineResponder(EmbeddedEngineParityTests.EssayRubric));
        h.Server.Faults.ForNext(2, fault switch
        {
            "500" => new JudgeFault.Status(500),
            "503" => new JudgeFault.Status(503),
            "429" => new JudgeFault.TooManyRequests(1),
            "hang" => new JudgeFault.Hang(),
            "slow" => new JudgeFault.Slow(TimeSpan.FromMilliseconds(200)),
            _ => new JudgeFault.MalformedBody(),
        });

        // Act
        var overHttp = new List<SampleScore>();
        foreach (var sample in Samples)
        {
            overHttp.Add(await h.RewardModel().ScoreAsync(JudgeHarness.Essay, EmbeddedEngineParityTests.EssayRubric, sample));
        }

        // Assert
        var embedded = new EmbeddedRewardModel();
        EmbeddedEngineParityTests.AssertSameScores([.. Samples.Select(s => embedded.Score("essay_writing", EmbeddedEngineParityTests.EssayRubric, s))], overHttp);
        Assert.Equal(2, h.Server.Log.Chats.Count(c => c.Fault is not null));
    }

    [Fact(Timeout = 30_000)]
    public async Task ScoreAsync_RetryAfter_WaitsBeforeRetrying()
    {
        await using var h = await JudgeHarness.StartAsync(responder: new EmbeddedEngineResponder(EmbeddedEngineParityTests.EssayRubric));
        h.Server.Faults.ForNext(1, new JudgeFault.TooManyRequests(1));

        var score = await h.RewardModel().ScoreAsync(JudgeHarness.Essay, EmbeddedEngineParityTests.EssayRubric, Samples[0]);

        Assert.True(score.IsScored);
        var chats = h.Server.Log.Chats;
        Assert.True(chats[1].At - chats[0].At >= TimeSpan.FromMilliseconds(900), $"retried after {(chats[1].At - chats[0].At).TotalMilliseconds} ms");
    }

    [Theory(Timeout = 30_000)]
    [InlineData("garbage")]
    [InlineData("out-of-range")]
    public async Task ScoreAsync_BadScoreReply_FailureRecordedNeverZero(string fault)
    {
        await using var h = await JudgeHarness.StartAsync(responder: new EmbeddedEngineResponder(EmbeddedEngineParityTests.EssayRubric));
        h.Server.Faults.ForNext(1, fault == "garbage" ? new JudgeFault.Garbage() : new JudgeFault.OutOfRange(99), JudgeTurnKind.Score);

        var score = await h.RewardModel().ScoreAsync(JudgeHarness.Essay, EmbeddedEngineParityTests.EssayRubric, Samples[0]);

        Assert.True(double.IsNaN(score.Reward));
        Assert.Contains("item #1", score.Failure, StringComparison.Ordinal);
        Assert.Null(score.Items[0].Score);
        Assert.NotNull(score.Items[0].Failure);
    }

    [Fact(Timeout = 30_000)]
    public async Task ScoreBatchAsync_FailuresOverThreshold_ThrowsRetryableException()
    {
        await using var h = await JudgeHarness.StartAsync(responder: new EmbeddedEngineResponder(EmbeddedEngineParityTests.EssayRubric));
        h.Server.Faults.ForNext(2, new JudgeFault.Garbage(), JudgeTurnKind.Score);
        var scorer = new RewardBatchScorer(h.RewardModel(), new RewardBatchOptions { MaxUnscorableShare = 0.34 });
        var request = new RewardBatchRequest(JudgeHarness.Essay, EmbeddedEngineParityTests.EssayRubric, Samples, RunSeed: 1, Step: 3);

        var error = await Assert.ThrowsAsync<UnscorableBatchException>(() => scorer.ScoreBatchAsync(request));

        Assert.Contains("2", error.Message, StringComparison.Ordinal);
    }
}
