using System.Diagnostics;
using Azure.Storage.Blobs;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Mpo.Cli.Hosting;
using Mpo.Cli.Runs;
using Mpo.Core;
using Mpo.Core.Pipeline;
using Mpo.Hosting;
using Mpo.Hosting.Configuration;
using Mpo.Hosting.Worker;
using Mpo.Pipeline;
using Mpo.Pipeline.Config;
using Mpo.Pipeline.Services;
using Mpo.Storage;
using Mpo.Training;

namespace Mpo.Cli.Bench;

/// <summary>What <c>mpo bench pipeline</c> runs.</summary>
/// <param name="Config">The run config, already set to one epoch of the benchmark's steps without evaluation.</param>
/// <param name="ConfigName">How the report names it.</param>
/// <param name="ConfigFolder">The folder relative paths in the config resolve against.</param>
/// <param name="Host">The durable host options (task hub, polling, concurrency).</param>
/// <param name="OwnHub">Whether the task hub was made for this benchmark (and is deleted after it).</param>
internal sealed record PipelineBenchmarkSettings(RunConfig Config, string ConfigName, string ConfigFolder, DurableHostOptions Host, bool OwnHub);

/// <summary>
/// Runs <c>mpo bench pipeline</c>: a one-step warm-up of the plain loop (so neither side pays the JIT and model-load
/// cost of the activity code alone), then the plain <see cref="InProcessTrainingLoop"/>, then the same run through the
/// <c>TrainingRun</c> orchestration with an in-process worker whose activities are timed
/// (<see cref="ActivityTimeline"/>). Each side has its own container and worker folder but the same run id and config,
/// so equal training gives equal checkpoint manifests. Everything it creates (containers, task hub, folders) is deleted.
/// </summary>
internal static class PipelineBenchmarkRunner
{
    /// <summary>Runs both sides and compares them.</summary>
    /// <exception cref="MpoInputException">The orchestrated run did not complete.</exception>
    public static async Task<PipelineBenchmarkReport> RunAsync(
        PipelineBenchmarkSettings settings, StorageConnection connection, Action<string> progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(progress);
        var config = settings.Config;
        var plan = config.ToPlan();
        var tag = Guid.NewGuid().ToString("n")[..8];
        var runId = $"bench-{tag}";
        var work = Path.Combine(Path.GetTempPath(), "mpo-bench", tag);
        string[] containers = [$"bench-{tag}-warm", $"bench-{tag}-loop", $"bench-{tag}-orch"];
        TorchRuntime.Initialize(config.Threads);
        try
        {
            progress($"Warm-up: 1 step of the plain loop (run '{runId}', container {containers[0]}).");
            await RunPlainAsync(settings, connection, containers[0], Path.Combine(work, "warm"), runId, untilStep: 1, ct).ConfigureAwait(false);

            progress($"Plain loop: {plan.TotalSteps} steps (container {containers[1]}).");
            var plain = await RunPlainAsync(settings, connection, containers[1], Path.Combine(work, "loop"), runId, untilStep: null, ct).ConfigureAwait(false);
            progress($"Plain loop: {plain.WallMs / 1000:F1} s.");

            progress($"Orchestrated: {plan.TotalSteps} steps on task hub '{settings.Host.HubName}' (container {containers[2]}).");
            var orchestrated = await RunOrchestratedAsync(settings, connection, containers[2], Path.Combine(work, "orch"), runId, ct).ConfigureAwait(false);
            progress($"Orchestrated: {orchestrated.WallMs / 1000:F1} s.");
            return PipelineBenchmarkComparison.Compare(settings, plain, orchestrated);
        }
        finally
        {
            await CleanUpAsync(settings, connection, containers, work).ConfigureAwait(false);
        }
    }

    private static ServiceProvider PipelineServices(StorageConnection connection, string container, string workDirectory) =>
        new ServiceCollection()
            .AddLogging()
            .AddPipelineServices(connection.ConnectionString, container, new PipelineOptions { WorkDirectory = workDirectory })
            .BuildServiceProvider();

    private static async Task<PlainLoopResult> RunPlainAsync(
        PipelineBenchmarkSettings settings, StorageConnection connection, string container, string workDirectory, string runId, int? untilStep, CancellationToken ct)
    {
        await using var services = PipelineServices(connection, container, workDirectory);
        var initial = await services.GetRequiredService<RunCreationService>().CreateAsync(runId, settings.Config, settings.ConfigFolder, ct).ConfigureAwait(false);
        var loop = services.GetRequiredService<InProcessTrainingLoop>();
        var clock = Stopwatch.StartNew();
        var final = await loop.RunAsync(settings.Config.ToPlan(), initial, untilStep, ct).ConfigureAwait(false);
        return new PlainLoopResult(clock.Elapsed.TotalMilliseconds, new Dictionary<string, double>(loop.ActivityMilliseconds), final);
    }

    private static async Task<OrchestratedRunResult> RunOrchestratedAsync(
        PipelineBenchmarkSettings settings, StorageConnection connection, string container, string workDirectory, string runId, CancellationToken ct)
    {
        RunState initial;
        await using (var services = PipelineServices(connection, container, workDirectory))
        {
            initial = await services.GetRequiredService<RunCreationService>().CreateAsync(runId, settings.Config, settings.ConfigFolder, ct).ConfigureAwait(false);
        }

        var timeline = new ActivityTimeline();
        using var worker = BuildWorker(settings.Host, connection, container, workDirectory, timeline);
        await using var client = new ServiceCollection().AddLogging().AddMpoDurableClient(settings.Host, connection).BuildServiceProvider();
        var durable = client.GetRequiredService<DurableTaskClient>();
        await worker.StartAsync(ct).ConfigureAwait(false);
        try
        {
            var scheduled = DateTime.UtcNow;
            await durable.ScheduleNewOrchestrationInstanceAsync(
                TaskNames.TrainingRun, new TrainingRunInput(settings.Config.ToPlan(), initial), new StartOrchestrationOptions(runId), ct).ConfigureAwait(false);
            var done = await durable.WaitForInstanceCompletionAsync(runId, getInputsAndOutputs: true, ct).ConfigureAwait(false);
            if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
            {
                var why = done.FailureDetails is { } failure ? RunJson.Describe(failure) : "no failure details";
                throw new MpoInputException($"the orchestrated run '{runId}' ended {done.RuntimeStatus}: {why}");
            }

            var final = done.ReadOutputAs<RunState>() ?? throw new InvalidOperationException($"the orchestrated run '{runId}' completed without a state.");
            var wallMs = (done.LastUpdatedAt.UtcDateTime - scheduled).TotalMilliseconds;
            return new OrchestratedRunResult(scheduled, wallMs, timeline.Spans, final);
        }
        finally
        {
            using var timeout = new CancellationTokenSource(MpoDurableTaskWorker.StopTimeout);
            await worker.StopAsync(timeout.Token).ConfigureAwait(false);
        }
    }

    /// <summary>An in-process worker like <c>mpo train</c>'s, with its activities timed and its own container and folder.</summary>
    private static IHost BuildWorker(DurableHostOptions options, StorageConnection connection, string container, string workDirectory, ActivityTimeline timeline)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, CommandLineLifetime>();
        builder.Services.AddPipelineServices(connection.ConnectionString, container, new PipelineOptions { WorkDirectory = workDirectory });
        builder.Services.AddMpoDurableWorker(options, connection, registry => ProductTasks.Register(registry, timeline.Wrap));
        return builder.Build();
    }

    private static async Task CleanUpAsync(PipelineBenchmarkSettings settings, StorageConnection connection, string[] containers, string work)
    {
        foreach (var name in containers)
        {
            await new BlobContainerClient(connection.ConnectionString, name).DeleteIfExistsAsync().ConfigureAwait(false);
        }

        if (settings.OwnHub)
        {
            await OrchestrationServiceFactory.Create(settings.Host, connection, NullLoggerFactory.Instance).DeleteAsync().ConfigureAwait(false);
        }

        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
