using Mpo.EndToEnd.Tests.Support;

namespace Mpo.EndToEnd.Tests;

/// <summary>The uninterrupted two-epoch run evaluated its checkpoint after each epoch, as its schedule says.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class EvaluationScheduleTests(EndToEndFixture fixture)
{
    [Fact(Timeout = 60_000)]
    public async Task Status_EvaluationEveryEpoch_ListsOneEvaluationPerEpochOfItsCheckpoint()
    {
        // Arrange: mpo status of the finished baseline run.
        var status = fixture.Baseline.Status;
        var evaluations = status.GetProperty("evaluations").EnumerateArray().ToList();
        var epochEnds = Enumerable.Range(1, EndToEndConfigs.Epochs).Select(e => e * EndToEndConfigs.StepsPerEpoch).ToList();

        // Act: read each evaluation's blob.
        var blobs = new List<System.Text.Json.JsonElement>();
        foreach (var e in evaluations)
        {
            blobs.Add(await fixture.Artifacts.JsonAsync(e.GetProperty("path").GetString()!));
        }

        // Assert: one epoch evaluation at the end of each epoch, on the 16 test prompts, of the checkpoint of that step.
        Assert.Equal("Completed", status.GetProperty("state").GetString());
        Assert.Equal(epochEnds, evaluations.Select(e => e.GetProperty("step").GetInt32()));
        Assert.All(evaluations, e => Assert.Equal("epoch", e.GetProperty("reason").GetString()));
        Assert.All(evaluations, e => Assert.Equal("mini_qa_oracle", e.GetProperty("metric").GetString()));
        Assert.All(evaluations, e => Assert.Equal(16, e.GetProperty("count").GetInt32()));
        Assert.All(blobs, b => Assert.Equal(16, b.GetProperty("responses").GetArrayLength()));
        Assert.Equal(fixture.Baseline.Sha256, evaluations[^1].GetProperty("checkpoint_sha256").GetString());
        Assert.NotEqual(evaluations[0].GetProperty("checkpoint_sha256").GetString(), evaluations[^1].GetProperty("checkpoint_sha256").GetString());
    }
}
