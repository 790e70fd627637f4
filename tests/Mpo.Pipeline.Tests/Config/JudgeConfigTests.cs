using Mpo.Judging.Embedded;
using Mpo.Judging.Llm;
using Mpo.Pipeline.Config;
using JudgeConfig = Mpo.Pipeline.Config.JudgeConfig;

namespace Mpo.Pipeline.Tests.Config;

public sealed class JudgeConfigTests
{
    [Fact]
    public void ToJudging_OpenAiSection_CarriesEveryRunConfigFieldAndTheRunsSeedAndSamples()
    {
        var section = RunConfigReader.Parse(
            """
            {"rm": {"kind": "openai", "normalize_by_maximum": true, "unchecked_items": "skip",
                    "endpoint": {"base_url": "http://127.0.0.1:8000/v1", "model": "judge-7b", "api_key_env": "MY_KEY",
                                 "temperature": 0.5, "timeout_seconds": 7.5, "max_retries": 2, "concurrency_limit": 3}}}
            """, "run.json").Rm;

        var judging = section.ToJudging("r1-rm", runSeed: 7, numMpoSamples: 11);

        Assert.Equal(JudgeKind.OpenAi, judging.Kind);
        Assert.True(judging.NormalizeByMaximum);
        Assert.Equal(UncheckedItemPolicy.Skip, judging.UncheckedItems);
        Assert.Equal(7, judging.Seed);
        Assert.Equal(11, judging.NumMpoSamples);
        var endpoint = judging.Endpoint!;
        Assert.Equal(
            ("r1-rm", "http://127.0.0.1:8000/v1", "judge-7b", "MY_KEY", 0.5, TimeSpan.FromSeconds(7.5), 2, 3),
            (endpoint.Name, endpoint.BaseUrl, endpoint.Model, endpoint.ApiKeyEnv, endpoint.Temperature, endpoint.Timeout, endpoint.MaxRetries, endpoint.ConcurrencyLimit));
        judging.Validate("run.json: rm");
    }

    [Fact]
    public void ToJudging_DefaultSection_IsTheEmbeddedJudgeWithTheJudgingDefaults()
    {
        var judging = new JudgeConfig().ToJudging("r1-mrm", runSeed: 42, numMpoSamples: 20);

        Assert.Equal(new Mpo.Judging.Llm.JudgeConfig(), judging);
    }
}
