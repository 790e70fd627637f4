using Microsoft.Extensions.DependencyInjection;
using Mpo.Core;
using Mpo.Pipeline.Config;
using Mpo.Pipeline.Tests.Support;

namespace Mpo.Pipeline.Tests.Services;

[Collection(PipelineCollection.Name)]
public sealed class TrainingRunSetupTests(PipelineFixture fixture)
{
    [Fact(Timeout = 120_000)]
    public async Task PrepareAsync_NewThenExisting_CreatesThenResumesFromNewestCheckpoint()
    {
        var file = Path.Combine(fixture.Root, $"setup-{Guid.NewGuid():n}.json");
        await File.WriteAllTextAsync(file, RunConfigJson.Serialize(fixture.Config(epochs: 2, stepsPerEpoch: 1)));
        await using var services = fixture.Services();
        var setup = services.GetRequiredService<TrainingRunSetup>();

        var created = await setup.PrepareAsync("setup-1", file);
        var afterOne = await services.GetRequiredService<InProcessTrainingLoop>().RunAsync(created.Input.Plan, created.Input.State, untilStep: 1);
        var resumed = await setup.PrepareAsync("setup-1", null);
        var again = await setup.PrepareAsync("setup-1", file);

        Assert.False(created.Resumed);
        Assert.Equal((0, 2), (created.Input.State.Step, created.Input.Plan.TotalSteps));
        Assert.True(resumed.Resumed);
        Assert.Equal(afterOne with { Epoch = 1 }, resumed.Input.State);
        Assert.Equal(resumed.Input.State, again.Input.State);
        var other = Path.Combine(fixture.Root, $"setup-{Guid.NewGuid():n}.json");
        await File.WriteAllTextAsync(other, RunConfigJson.Serialize(fixture.Config(epochs: 2, stepsPerEpoch: 1) with { Seed = 5 }));
        var differs = await Assert.ThrowsAsync<MpoInputException>(() => setup.PrepareAsync("setup-1", other));
        Assert.Contains("already exists with a different config", differs.Message);
        var notJson = await Assert.ThrowsAsync<MpoInputException>(() => setup.PrepareAsync("setup-2", fixture.RubricFile()));
        Assert.StartsWith(fixture.RubricFile() + ":", notJson.Message);
    }
}
