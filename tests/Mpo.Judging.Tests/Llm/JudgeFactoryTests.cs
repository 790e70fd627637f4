using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Mpo.Core;
using Mpo.JudgeServer;
using Mpo.Judging.Abstractions;
using Mpo.Judging.Detectors;
using Mpo.Judging.Embedded;
using Mpo.Judging.Llm;
using Mpo.Judging.Resilience;

namespace Mpo.Judging.Tests.Llm;

public sealed class JudgeFactoryTests
{
    [Fact]
    public void Deserialize_SnakeCaseRunConfigSection_ReadsEveryField()
    {
        const string json = """
            {
              "kind": "openai",
              "endpoint": {
                "name": "rm-judge", "base_url": "http://127.0.0.1:8000/v1", "model": "Qwen/Qwen2-72B-Instruct",
                "api_key_env": "JUDGE_API_KEY", "guided_decoding": "sglang", "timeout": "00:00:30", "max_retries": 2,
                "concurrency_limit": 8, "max_tokens": { "rationale": 200, "score": 8 }
              },
              "normalize_by_maximum": true, "math_mode": "reasoning", "seed": 7,
              "injection_penalty": "subtract", "injection_penalty_points": 3,
              "num_mpo_samples": 16, "max_items": 10, "max_unscorable_share": 0.2
            }
            """;

        var config = JsonSerializer.Deserialize<JudgeConfig>(json)!;

        Assert.Equal(JudgeKind.OpenAi, config.Kind);
        var endpoint = config.Endpoint!;
        Assert.Equal(("rm-judge", "http://127.0.0.1:8000/v1", "Qwen/Qwen2-72B-Instruct", "JUDGE_API_KEY"), (endpoint.Name, endpoint.BaseUrl, endpoint.Model, endpoint.ApiKeyEnv));
        Assert.Equal((GuidedDecoding.Sglang, TimeSpan.FromSeconds(30), 2, 8), (endpoint.GuidedDecoding, endpoint.Timeout, endpoint.MaxRetries, endpoint.ConcurrencyLimit));
        Assert.Equal(new JudgeTurnLimits(Rationale: 200, Score: 8), endpoint.MaxTokens);
        Assert.Equal(RewardNormalization.RubricMaximum, config.RewardModelOptions().Normalization);
        Assert.Equal((MathMode.Reasoning, 7L), (config.RewardModelOptions().MathMode, config.RewardModelOptions().RunSeed));
        Assert.Equal(new InjectionPenalty(InjectionPenaltyMode.Subtract, 3), config.RewardModelOptions().InjectionPenalty);
        Assert.Equal((16, 10), (config.MetaRewardModelOptions().NumMpoSamples, config.MetaRewardModelOptions().MaxItems));
        Assert.Equal(0.2, config.BatchOptions().MaxUnscorableShare);
        Assert.Contains("\"kind\":\"openai\"", JsonSerializer.Serialize(config), StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_EmptySection_IsTheEmbeddedJudgeWithPaperDefaults()
    {
        var config = JsonSerializer.Deserialize<JudgeConfig>("{}")!;

        config.Validate();
        Assert.Equal(JudgeKind.Embedded, config.Kind);
        Assert.Equal(20, config.NumMpoSamples);
        Assert.False(config.EmbeddedRewardModelOptions().NormalizeByMaximum);
    }

    [Theory]
    [InlineData("""{"kind":"openai"}""", "run.json: rm: field 'endpoint' is required")]
    [InlineData("""{"kind":"openai","endpoint":{"base_url":"ftp://x","model":"m"}}""", "run.json: rm.endpoint: field 'base_url'")]
    [InlineData("""{"kind":"openai","endpoint":{"base_url":"http://x/v1","model":"m","temperature":9}}""", "run.json: rm.endpoint: field 'temperature'")]
    [InlineData("""{"num_mpo_samples":0}""", "run.json: rm: field 'num_mpo_samples'")]
    [InlineData("""{"max_unscorable_share":2}""", "run.json: rm: field 'max_unscorable_share'")]
    public void Validate_BadSection_MpoInputExceptionNamesField(string json, string expected)
    {
        var config = JsonSerializer.Deserialize<JudgeConfig>(json)!;

        var error = Assert.Throws<MpoInputException>(() => config.Validate("run.json: rm"));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddMpoJudges_CalledTwice_RegistersEachServiceOnce()
    {
        var services = new ServiceCollection().AddMpoJudges().AddMpoJudges();

        using var provider = services.BuildServiceProvider();

        Assert.Single(services, d => d.ServiceType == typeof(JudgePipelines));
        Assert.Single(services, d => d.ServiceType == typeof(JudgeFactory));
        Assert.Same(provider.GetRequiredService<InjectionStatistics>(), provider.GetRequiredService<JudgeFactory>().Injections);
    }

    [Fact]
    public async Task CreateRewardModelAsync_Embedded_ScoresWithChecksAndCountsInjections()
    {
        using var provider = new ServiceCollection().AddMpoJudges().BuildServiceProvider();
        var factory = provider.GetRequiredService<JudgeFactory>();

        var model = await factory.CreateRewardModelAsync(new JudgeConfig());
        var score = await model.ScoreAsync(JudgeHarness.Essay, EmbeddedEngineParityTests.EssayRubric, new JudgeSample("s", "p", JudgeHarness.Words(100, "rain")));

        Assert.IsType<EmbeddedRewardModel>(model);
        Assert.True(score.IsScored);
        Assert.Equal(1, factory.Injections.Snapshot().Inspected);
    }

    [Fact]
    public async Task CreateMetaRewardModelAsync_EmbeddedWithoutBaseline_Throws()
    {
        using var provider = new ServiceCollection().AddMpoJudges().BuildServiceProvider();

        await Assert.ThrowsAsync<ArgumentNullException>(() => provider.GetRequiredService<JudgeFactory>().CreateMetaRewardModelAsync(new JudgeConfig(), null));
    }

    [Fact(Timeout = 30_000)]
    public async Task CreateModelsAsync_OpenAiEndpoint_ScoreOverHttpAndShareOneEndpoint()
    {
        // Arrange: one endpoint for both roles; Auto guided decoding probes /v1/models once per endpoint.
        await using var server = await JudgeTestServer.StartAsync(ownedBy: "vllm");
        using var provider = new ServiceCollection().AddMpoJudges().BuildServiceProvider();
        var factory = provider.GetRequiredService<JudgeFactory>();
        var config = new JudgeConfig
        {
            Kind = JudgeKind.OpenAi,
            Endpoint = new JudgeEndpointOptions { Name = "shared", BaseUrl = server.BaseUrl, Model = server.Model, Timeout = TimeSpan.FromSeconds(5) },
        };

        // Act
        var rm = await factory.CreateRewardModelAsync(config);
        var mrm = await factory.CreateMetaRewardModelAsync(config, null);
        var score = await rm.ScoreAsync(JudgeHarness.Essay, JudgeHarness.TwoItems, new JudgeSample("s", "p", JudgeHarness.Words(60)));

        // Assert
        Assert.IsType<LlmRewardModel>(rm);
        Assert.IsType<LlmMetaRewardModel>(mrm);
        Assert.Equal(6, score.Reward);
        Assert.Single(server.Log.Entries, e => e.Path == "/v1/models");
        Assert.All(server.Log.OfKind(JudgeTurnKind.Score), c => Assert.NotNull(c.Turn!.GuidedRegex));
        Assert.Equal(1, factory.Injections.Snapshot().Inspected);
    }
}
