using System.Text;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Mpo.Core.Pipeline;
using Mpo.Hosting;
using Mpo.Hosting.Configuration;
using Mpo.Judging.Rubrics;
using Mpo.Orchestrations;
using Mpo.Storage;
using Mpo.Storage.Sets;
using Mpo.TestSupport;

namespace Mpo.Cli.Tests.Runs;

/// <summary>
/// An in-process durable worker on a fresh task hub running the real <c>TrainingRun</c>, <c>Epoch</c> and
/// <c>Evaluation</c> orchestrators with fake activities that write what the real ones write where the run commands
/// read it (container <c>mpo</c>): committed checkpoint sets with manifests, a metrics line per step, rubric version
/// records, evaluation JSON. No model is trained; the commands under test only read orchestration state and blobs.
/// </summary>
internal sealed class FakeRunPipeline : IAsyncDisposable
{
    private readonly IHost _host;

    private FakeRunPipeline(IHost host, string hub, string connectionString, ArtifactSetStore sets)
    {
        _host = host;
        Hub = hub;
        ConnectionString = connectionString;
        Sets = sets;
        Client = host.Services.GetRequiredService<DurableTaskClient>();
    }

    /// <summary>The task hub (unique per test).</summary>
    public string Hub { get; }

    /// <summary>The storage connection string.</summary>
    public string ConnectionString { get; }

    /// <summary>A client on the hub.</summary>
    public DurableTaskClient Client { get; }

    /// <summary>The artifact store of the default container.</summary>
    public ArtifactSetStore Sets { get; }

    /// <summary>How long each UpdatePolicy takes (to catch a run mid-epoch).</summary>
    public TimeSpan StepDelay { get; set; } = TimeSpan.Zero;

    /// <summary>When set, UpdatePolicy fails with this message (to fail a run).</summary>
    public string? UpdatePolicyFailure { get; set; }

    /// <summary>Starts the worker on a new hub.</summary>
    public static async Task<FakeRunPipeline> StartAsync(string connectionString)
    {
        var hub = TestNames.Unique("cli");
        var options = DurableHostConfiguration.Load(DurableHostConfiguration.FindHostJson(), new Dictionary<string, string?> { ["--hub"] = hub })
            with { MaxQueuePollingInterval = TimeSpan.FromMilliseconds(200) };
        var connection = StorageConnection.FromConnectionString(connectionString, "test");
        var sets = new ArtifactSetStore(BlobArtifactStore.Create(connection));
        FakeRunPipeline? pipeline = null;
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging()
            .AddMpoDurableWorker(options, connection, registry => pipeline!.Register(registry))
            .AddMpoDurableClient(options, connection);
        var host = builder.Build();
        pipeline = new FakeRunPipeline(host, hub, connectionString, sets);
        await host.StartAsync();
        return pipeline;
    }

    /// <summary>A plan of <paramref name="epochs"/> × <paramref name="steps"/> with one shard and fast retries.</summary>
    public static RunPlan Plan(int epochs, int steps, int interval = 2, int evaluateEveryEpochs = 0) =>
        new(epochs, steps, 1, interval, true, evaluateEveryEpochs, null,
            new Dictionary<string, RetrySettings> { [TaskNames.UpdatePolicy] = new(1, 0.1, 1, 0.1) });

    /// <summary>Starts a run's wall-clock evaluation scheduler as the run starter does (here with an hour's period).</summary>
    public Task StartScheduleAsync(string runId) =>
        Client.ScheduleNewOrchestrationInstanceAsync(
            TaskNames.EvaluationSchedule,
            new EvaluationScheduleInput(runId, 60, -1),
            new StartOrchestrationOptions(TaskNames.ScheduleInstance(runId)));

    /// <summary>Creates a run as the pipeline does (initial checkpoint and rubric v0 committed) and starts it.</summary>
    public async Task<string> StartRunAsync(RunPlan plan, DateTimeOffset? startAt = null)
    {
        var runId = TestNames.Unique("run");
        var checkpoint = await CommitCheckpointAsync(runId, 0, 0);
        await WriteRubricAsync(runId, RubricVersion.Create(0, null, 0, RubricAuthor.Initial, Rubric(0)));
        await Client.ScheduleNewOrchestrationInstanceAsync(
            TaskNames.TrainingRun,
            new TrainingRunInput(plan, new RunState(runId, 0, 0, checkpoint, 0, 0)),
            new StartOrchestrationOptions(runId, startAt));
        return runId;
    }

    /// <summary>Waits until the run instance has finished.</summary>
    public async Task<OrchestrationMetadata> WaitForRunAsync(string runId, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        return await Client.WaitForInstanceCompletionAsync(runId, getInputsAndOutputs: true, cts.Token);
    }

    /// <summary>SHA-256 (hex) of the manifest bytes of checkpoint <paramref name="step"/>, read from storage.</summary>
    public async Task<string> ManifestSha256Async(string runId, int step)
    {
        var bytes = await Sets.Blobs.GetAsync(ArtifactSetPaths.ManifestPath(BlobLayout.Checkpoint(runId, step)));
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes.ToMemory().Span));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await _host.StopAsync(stop.Token);
        _host.Dispose();
    }

    private void Register(DurableTaskRegistry registry)
    {
        registry.AddOrchestrator<TrainingRunOrchestrator>();
        registry.AddOrchestrator<EpochOrchestrator>();
        registry.AddOrchestrator<EvaluationOrchestrator>();
        registry.AddOrchestrator<EvaluationScheduleOrchestrator>();
        registry.AddActivityFunc<string, CheckpointRef?>(TaskNames.LatestCheckpoint, (_, _) => (CheckpointRef?)null);
        registry.AddActivityFunc<RolloutShardInput, ShardOutput>(TaskNames.GenerateRollouts, (_, i) =>
            new ShardOutput(i.RunId, i.Step, i.Shard, BlobLayout.Rollouts(i.RunId, i.Step, i.Shard), new string('0', 64), 4, 2));
        registry.AddActivityFunc<ScoreShardInput, ShardOutput>(TaskNames.ScoreRollouts, (_, i) =>
            i.Rollouts with { BlobPath = BlobLayout.Scores(i.RunId, i.Step, i.Rollouts.Shard), PromptsConsumed = 0 });
        registry.AddActivityFunc<UpdatePolicyInput, UpdatePolicyOutput>(TaskNames.UpdatePolicy, async (_, i) =>
        {
            await Task.Delay(StepDelay);
            if (UpdatePolicyFailure is { } failure)
            {
                throw new InvalidOperationException(failure);
            }

            return new UpdatePolicyOutput(i.RunId, i.Step, $"runs/{i.RunId}/staging/{i.Step + 1:D6}/");
        });
        registry.AddActivityFunc<ReviseRubricInput, ReviseRubricOutput>(TaskNames.ReviseRubric, async (_, i) =>
        {
            int next = i.RubricVersion + 1;
            await WriteRubricAsync(i.RunId, RubricVersion.Create(
                next, i.RubricVersion, i.Step, RubricAuthor.Mrm("embedded"), Rubric(next),
                $"Revision {next}: responses pad the answer with filler.\nThe new item penalises padding."));
            return new ReviseRubricOutput(next, true, null);
        });
        registry.AddActivityFunc<CommitCheckpointInput, CheckpointRef>(TaskNames.CommitCheckpoint, async (_, i) =>
        {
            int step = i.Update.Step + 1;
            var checkpoint = await CommitCheckpointAsync(i.RunId, step, i.RubricVersion);
            await CreateJsonAsync(BlobLayout.Metrics(i.RunId, step), new { step, rubricVersion = i.RubricVersion, rewardMean = 0.1 * step, kl = 0.01 * step });
            return checkpoint;
        });
        registry.AddActivityFunc<EvaluationRequest, EvaluationResult>(TaskNames.Evaluate, async (_, i) =>
        {
            var path = BlobLayout.Evaluation(i.RunId, i.Checkpoint.Step, i.Reason);
            double value = 0.5 + (0.01 * i.Checkpoint.Step);
            await CreateJsonAsync(path, new
            {
                step = i.Checkpoint.Step,
                checkpointSha256 = i.Checkpoint.ManifestSha256,
                reason = i.Reason,
                metric = "oracle",
                value,
                rows = new[] { new { id = "q1", response = "Paris.", score = 1.0 } },
            });
            return new EvaluationResult(i.RunId, i.Checkpoint.Step, "oracle", value, path, i.Reason);
        });
    }

    private async Task<CheckpointRef> CommitCheckpointAsync(string runId, int step, int rubricVersion)
    {
        var setPath = BlobLayout.Checkpoint(runId, step);
        var weights = new BinaryData(Encoding.UTF8.GetBytes($"weights of {runId} after {step} updates"));
        using var metadata = JsonDocument.Parse(JsonSerializer.Serialize(new { step, rubricVersion }));
        var commit = await Sets.CommitAsync(setPath, [ArtifactSetFile.FromBytes("model.safetensors", weights)], metadata.RootElement);
        return new CheckpointRef(step, commit.ManifestRef.Path, commit.ManifestRef.Sha256);
    }

    private Task WriteRubricAsync(string runId, RubricVersion version) =>
        Sets.Blobs.CreateAsync(BlobLayout.Rubric(runId, version.Version), new BinaryData(Encoding.UTF8.GetBytes(version.ToJson() + "\n")));

    private Task CreateJsonAsync(string path, object value) =>
        Sets.Blobs.CreateAsync(path, new BinaryData(JsonSerializer.SerializeToUtf8Bytes(value)));

    /// <summary>A rubric with <paramref name="version"/> + 1 items (each revision adds one).</summary>
    private static Rubric Rubric(int version) => RubricFormat.Parse(
        "<rubric>" + string.Concat(Enumerable.Range(0, version + 1).Select(n =>
            $"<item>The answer states fact {n} correctly. (0-2 points)</item>")) + "</rubric>",
        "test rubric");
}
