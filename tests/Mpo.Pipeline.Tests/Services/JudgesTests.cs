using Microsoft.Extensions.DependencyInjection;
using Mpo.JudgeServer;
using Mpo.Judging.Abstractions;
using Mpo.Judging.Llm;
using Mpo.Judging.Rubrics;
using Mpo.Judging.Tasks;
using Mpo.Pipeline.Config;
using Mpo.Pipeline.Data;
using Mpo.Pipeline.Services;
using Mpo.Pipeline.Tests.Support;
using Mpo.TestSupport;
using JudgeConfig = Mpo.Pipeline.Config.JudgeConfig;

namespace Mpo.Pipeline.Tests.Services;

[Collection(PipelineCollection.Name)]
public sealed class JudgesTests(PipelineFixture fixture)
{
    private static readonly TaskDefinition Essay = new(
        "essay_writing", "Write an essay.\n\nInstructions:\n{prompt}\n\nYour Writing:\n", "You will act as an English instructor.",
        "You will act as a senior English instructor.", "Write a short essay of at most 350 words answering the writing prompt.",
        "<rubric>\n<item>\nRate the discourse of the text with an integer score from 0 (worst) to 5 (best).\n</item>\n</rubric>", "elo");

    [Fact(Timeout = 60_000)]
    public async Task ModelsAsync_OpenAiSections_ScoreOverHttpWithOneEndpointPerRole()
    {
        // Arrange: the run config's rm and mrm sections name one OpenAI-compatible server on 127.0.0.1.
        await using var server = await JudgeTestServer.StartAsync(ownedBy: "vllm");
        await using var services = fixture.Services();
        var judges = services.GetRequiredService<Judges>();
        var section = new JudgeConfig
        {
            Kind = JudgeKinds.OpenAi,
            Endpoint = new EndpointConfig { BaseUrl = server.BaseUrl, Model = server.Model, TimeoutSeconds = 5 },
        };
        var run = new RunContext(TestNames.Unique("judges"), fixture.Config() with { Rm = section, Mrm = section }, new RunData(Essay, [], []));
        var rubric = RubricFormat.Parse(
            "<rubric><item>Discourse: give an integer score from 0 (worst) to 5 (best).</item>" +
            "<item>Clarity: give an integer score from 0 (worst) to 5 (best).</item></rubric>");

        // Act
        var rm = await judges.RewardModelAsync(run, CancellationToken.None);
        var again = await judges.RewardModelAsync(run, CancellationToken.None);
        var mrm = await judges.MetaRewardModelAsync(run, CancellationToken.None);
        var score = await rm.ScoreAsync(Essay, rubric, new JudgeSample("s", "p", string.Join(' ', Enumerable.Repeat("word", 60))));

        // Assert: 60 words are 3 points per item; each role's endpoint is probed once (Auto guided decoding).
        Assert.IsType<LlmRewardModel>(rm);
        Assert.Same(rm, again);
        Assert.IsType<LlmMetaRewardModel>(mrm);
        Assert.Equal(6, score.Reward);
        Assert.Equal(2, server.Log.Entries.Count(e => e.Path == "/v1/models"));
        Assert.All(server.Log.OfKind(JudgeTurnKind.Score), c => Assert.NotNull(c.Turn!.GuidedRegex));
    }
}
