using Mpo.Core;
using Mpo.JudgeServer;
using Mpo.Judging.Abstractions;
using Mpo.Judging.Llm;
using Mpo.Judging.Resilience;

namespace Mpo.Judging.Tests.Llm;

public sealed class JudgeResilienceTests
{
    private static readonly JudgeSample Sample = new("s1", "p", JudgeHarness.Words(60));

    [Fact(Timeout = 30_000)]
    public async Task ScoreAsync_429WithRetryAfter_WaitsThatLongThenSucceeds()
    {
        await using var h = await JudgeHarness.StartAsync();
        h.Server.Faults.ForNext(1, new JudgeFault.TooManyRequests(RetryAfterSeconds: 1));

        var score = await h.RewardModel().ScoreAsync(JudgeHarness.Essay, JudgeHarness.TwoItems, Sample);

        Assert.Equal(6, score.Reward);
        var chats = h.Server.Log.Chats;
        Assert.Equal(5, chats.Count);
        Assert.IsType<JudgeFault.TooManyRequests>(chats[0].Fault);
        // The backoff alone would be ~10 ms; the server asked for 1 s.
        Assert.True(chats[1].At - chats[0].At >= TimeSpan.FromMilliseconds(950), $"retried after {(chats[1].At - chats[0].At).TotalMilliseconds} ms");
    }

    [Fact(Timeout = 30_000)]
    public async Task ScoreAsync_RetryAfterLongerThanAllowed_FailsWithoutWaiting()
    {
        await using var h = await JudgeHarness.StartAsync(o => o with { MaxRetryAfter = TimeSpan.FromSeconds(1) });
        h.Server.Faults.ForNext(1, new JudgeFault.TooManyRequests(RetryAfterSeconds: 30));

        var score = await h.RewardModel().ScoreAsync(JudgeHarness.Essay, JudgeHarness.TwoItems, Sample);

        Assert.True(double.IsNaN(score.Reward));
        Assert.Contains("HTTP 429", score.Failure, StringComparison.Ordinal);
        Assert.Single(h.Server.Log.Chats);
    }

    [Fact(Timeout = 30_000)]
    public async Task ScoreAsync_TwoServerErrors_RetriedThenScored()
    {
        await using var h = await JudgeHarness.StartAsync();
        h.Server.Faults.ForNext(1, new JudgeFault.Status(503)).ForNext(1, new JudgeFault.Status(500));

        var score = await h.RewardModel().ScoreAsync(JudgeHarness.Essay, JudgeHarness.TwoItems, Sample);

        Assert.Equal(6, score.Reward);
        Assert.Equal(6, h.Server.Log.Chats.Count);
        Assert.Equal(3, h.Server.Log.Chats.Count(c => c.Turn!.Kind == JudgeTurnKind.Rationale && c.Turn.Number == 1));
    }

    [Fact(Timeout = 30_000)]
    public async Task ScoreAsync_ServerHangs_TimesOutAndRetries()
    {
        await using var h = await JudgeHarness.StartAsync(o => o with { Timeout = TimeSpan.FromSeconds(1) });
        h.Server.Faults.ForNext(1, new JudgeFault.Hang());

        var score = await h.RewardModel().ScoreAsync(JudgeHarness.Essay, JudgeHarness.TwoItems, Sample);

        Assert.Equal(6, score.Reward);
        Assert.IsType<JudgeFault.Hang>(h.Server.Log.Chats[0].Fault);
        Assert.Equal(5, h.Server.Log.Chats.Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task ScoreAsync_MalformedBody_RetriedThenScored()
    {
        await using var h = await JudgeHarness.StartAsync();
        h.Server.Faults.ForNext(1, new JudgeFault.MalformedBody());

        var score = await h.RewardModel().ScoreAsync(JudgeHarness.Essay, JudgeHarness.TwoItems, Sample);

        Assert.Equal(6, score.Reward);
        Assert.Equal(5, h.Server.Log.Chats.Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task ScoreAsync_ClientError_NotRetriedAndRecorded()
    {
        await using var h = await JudgeHarness.StartAsync();
        h.Server.Faults.ForNext(1, new JudgeFault.Status(400));

        var score = await h.RewardModel().ScoreAsync(JudgeHarness.Essay, JudgeHarness.TwoItems, Sample);

        Assert.True(double.IsNaN(score.Reward));
        Assert.Contains("HTTP 400", score.Failure, StringComparison.Ordinal);
        Assert.Single(h.Server.Log.Chats);
    }

    [Fact(Timeout = 30_000)]
    public async Task ScoreAsync_RetriesExhausted_UnscorableWithCause()
    {
        await using var h = await JudgeHarness.StartAsync(o => o with { MaxRetries = 2 });
        h.Server.Faults.ForShare(1.0, new JudgeFault.Status(502));

        var score = await h.RewardModel().ScoreAsync(JudgeHarness.Essay, JudgeHarness.TwoItems, Sample);

        Assert.True(double.IsNaN(score.Reward));
        Assert.Contains("HTTP 502", score.Failure, StringComparison.Ordinal);
        Assert.Equal(3, h.Server.Log.Chats.Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task ScoreAsync_EndpointKeepsFailing_CircuitOpensAndCallsStopReachingServer()
    {
        await using var h = await JudgeHarness.StartAsync(o => o with
        {
            MaxRetries = 0, BreakerMinimumThroughput = 4, BreakerFailureRatio = 0.5,
            BreakerSamplingDuration = TimeSpan.FromSeconds(30), BreakerBreakDuration = TimeSpan.FromSeconds(30),
        });
        h.Server.Faults.ForShare(1.0, new JudgeFault.Status(500));
        var model = h.RewardModel();

        var scores = new List<SampleScore>();
        for (var i = 0; i < 8; i++)
        {
            scores.Add(await model.ScoreAsync(JudgeHarness.Essay, JudgeHarness.TwoItems, Sample with { SampleId = $"s{i}" }));
        }

        Assert.All(scores, s => Assert.True(double.IsNaN(s.Reward)));
        Assert.Equal(4, h.Server.Log.Chats.Count);
        Assert.Contains("circuit open", scores[^1].Failure, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task ScoreBatchAsync_ConcurrencyLimit_BoundsCallsInFlight()
    {
        await using var h = await JudgeHarness.StartAsync(o => o with { ConcurrencyLimit = 2 });
        h.Server.Faults.ForShare(1.0, new JudgeFault.Slow(TimeSpan.FromMilliseconds(50)));
        var scorer = new RewardBatchScorer(h.RewardModel());
        var samples = Enumerable.Range(0, 6).Select(i => Sample with { SampleId = $"s{i}" }).ToList();

        var result = await scorer.ScoreBatchAsync(new(JudgeHarness.Essay, JudgeHarness.TwoItems, samples, 42, 1));

        Assert.Equal(0, result.Unscorable);
        Assert.All(result.Scores, s => Assert.Equal(6, s.Reward));
        Assert.Equal(2, h.Server.MaxInFlight);
    }

    [Fact(Timeout = 30_000)]
    public async Task ScoreBatchAsync_FailuresAboveThreshold_ThrowsSoTheActivityIsRetried()
    {
        await using var h = await JudgeHarness.StartAsync();
        h.Server.Faults.ForNext(3, new JudgeFault.Garbage("n/a"), JudgeTurnKind.Score);
        var scorer = new RewardBatchScorer(h.RewardModel(), new RewardBatchOptions { MaxUnscorableShare = 0.2 });
        var samples = Enumerable.Range(0, 10).Select(i => Sample with { SampleId = $"s{i}" }).ToList();

        var error = await Assert.ThrowsAsync<UnscorableBatchException>(
            () => scorer.ScoreBatchAsync(new(JudgeHarness.Essay, JudgeHarness.TwoItems, samples, 42, 1)));

        Assert.Equal(3, error.Unscorable);
        Assert.Equal(10, error.Total);
        Assert.Contains("no integer", error.FirstFailure, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task ScoreBatchAsync_FailuresWithinThreshold_ReturnsScoresWithFailuresRecorded()
    {
        await using var h = await JudgeHarness.StartAsync();
        h.Server.Faults.ForNext(1, new JudgeFault.Garbage("n/a"), JudgeTurnKind.Score);
        var scorer = new RewardBatchScorer(h.RewardModel(), new RewardBatchOptions { MaxUnscorableShare = 0.2 });
        var samples = Enumerable.Range(0, 10).Select(i => Sample with { SampleId = $"s{i}" }).ToList();

        var result = await scorer.ScoreBatchAsync(new(JudgeHarness.Essay, JudgeHarness.TwoItems, samples, 42, 1));

        Assert.Equal(1, result.Unscorable);
        Assert.Equal(samples.Select(s => s.SampleId), result.Scores.Select(s => s.SampleId));
        Assert.Single(result.Scores, s => double.IsNaN(s.Reward) && s.Failure is not null);
        Assert.Equal(9, result.Scores.Count(s => s.Reward == 6));
    }

    [Fact(Timeout = 30_000)]
    public async Task ScoreAsync_ApiKeyFromEnvironment_SentAsBearerButNeverInFailuresOrLogs()
    {
        const string variable = "MPO_TEST_JUDGE_KEY_7F3A";
        const string key = "sk-test-7f3a9c1e5b2d4f6a8c0e";
        Environment.SetEnvironmentVariable(variable, key);
        try
        {
            await using var h = await JudgeHarness.StartAsync(o => o with { ApiKeyEnv = variable, MaxRetries = 1 });
            h.Server.Faults.ForShare(1.0, new JudgeFault.Status(401), JudgeTurnKind.Score);

            var score = await h.RewardModel().ScoreAsync(JudgeHarness.Essay, JudgeHarness.TwoItems, Sample);

            Assert.All(h.Server.Log.Chats, c => Assert.Equal("Bearer " + key, c.Authorization));
            Assert.True(double.IsNaN(score.Reward));
            Assert.Contains("HTTP 401", score.Failure, StringComparison.Ordinal);
            Assert.DoesNotContain(key, score.Failure, StringComparison.Ordinal);
            Assert.NotEmpty(h.Logger.Lines);
            Assert.All(h.Logger.Lines, line => Assert.DoesNotContain(key, line, StringComparison.Ordinal));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task CreateAsync_ApiKeyVariableUnset_ClearErrorNamingTheVariable()
    {
        await using var server = await JudgeTestServer.StartAsync();
        using var pipelines = new JudgePipelines();
        var options = new JudgeEndpointOptions { BaseUrl = server.BaseUrl, Model = "m", ApiKeyEnv = "MPO_TEST_UNSET_KEY_91B2" };

        var error = await Assert.ThrowsAsync<MpoInputException>(() => JudgeEndpoint.CreateAsync(options, pipelines));

        Assert.Contains("MPO_TEST_UNSET_KEY_91B2 is not set", error.Message, StringComparison.Ordinal);
    }
}
