using Microsoft.Extensions.DependencyInjection;
using Mpo.Core.Pipeline;
using Mpo.Pipeline.Config;
using Mpo.Pipeline.Services;
using Mpo.Storage;

namespace Mpo.Pipeline.Tests.Support;

/// <summary>A run created in a fresh container, with helpers to run steps and inspect its blobs.</summary>
internal sealed class RunHarness : IAsyncDisposable
{
    private RunHarness(PipelineFixture fixture, ServiceProvider services, string container, string runId, RunConfig config, RunState initial)
    {
        Fixture = fixture;
        Services = services;
        Container = container;
        RunId = runId;
        Config = config;
        Initial = initial;
    }

    public PipelineFixture Fixture { get; }

    public ServiceProvider Services { get; }

    public string Container { get; }

    public string RunId { get; }

    public RunConfig Config { get; }

    public RunState Initial { get; }

    public RunPlan Plan => Config.ToPlan();

    public PipelineStore Store => Services.GetRequiredService<PipelineStore>();

    public InProcessTrainingLoop Loop => Services.GetRequiredService<InProcessTrainingLoop>();

    public static async Task<RunHarness> CreateAsync(PipelineFixture fixture, RunConfig config, string runId = "run-1")
    {
        var container = Mpo.TestSupport.TestNames.Unique("c");
        var services = fixture.Services(container);
        var state = await services.GetRequiredService<RunCreationService>().CreateAsync(runId, config, fixture.Root);
        return new RunHarness(fixture, services, container, runId, config, state);
    }

    /// <summary>A second worker on the same container: fresh caches and work folder.</summary>
    public ServiceProvider OtherWorker() => Fixture.Services(Container);

    /// <summary>Every blob of the run with its size.</summary>
    public async Task<IReadOnlyList<ArtifactInfo>> BlobsAsync()
    {
        var blobs = new List<ArtifactInfo>();
        await foreach (var blob in Store.Blobs.ListAsync(BlobLayout.Run(RunId)))
        {
            blobs.Add(blob);
        }

        return blobs;
    }

    public async ValueTask DisposeAsync() => await Services.DisposeAsync();
}
