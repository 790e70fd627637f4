using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Mpo.Cli.Hosting;
using Mpo.Cli.Runs;
using Mpo.Core;
using Mpo.Core.Pipeline;
using Mpo.Hosting.Worker;
using Mpo.Pipeline;
using Mpo.Pipeline.Config;
using Mpo.Training;

namespace Mpo.Cli.Commands;

/// <summary>
/// <c>mpo train</c>: creates a training run, or resumes it when the id exists, and (unless <c>--no-worker</c>) runs
/// it in an in-process durable worker while printing its progress. The run lives in the task hub and blob storage,
/// not in this process: Ctrl-C stops the worker, and the next <c>mpo train</c> with the same id continues from the
/// last committed step.
/// </summary>
internal static class TrainCommand
{
    /// <summary>The run id when neither <c>--run-id</c> nor <c>--config</c> is given (the embedded default run).</summary>
    public const string DefaultRunId = "mini-qa";

    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "Run config file (default: the stored config of an existing run, else the embedded default)." };
        var runId = new Option<string?>("--run-id")
        {
            Description = $"Run id (default: '{DefaultRunId}' without --config, else the config file's name, lowercased, other characters as '-').",
        };
        var noWorker = new Option<bool>("--no-worker") { Description = "Do not run an in-process worker (run 'mpo worker' elsewhere); still shows progress." };
        var detach = new Option<bool>("--detach") { Description = "Return right after starting the run (prints the run id)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object at the end (as mpo status --json); progress goes to stderr." };
        var command = new Command("train", "Start or resume a training run and show its progress (runs an in-process worker).") { config, runId, noWorker, detach, json };
        var hub = HubOptions.AddTo(command, withContainer: true);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var configFile = parse.GetValue(config);
            var id = RunSession.CheckRunId(parse.GetValue(runId) ?? DeriveRunId(configFile));
            var container = configFile is null ? null : RunConfigReader.ReadFile(configFile).Storage.Container;
            await using var session = await RunSession.OpenAsync(hub, parse, cancellationToken, container);
            var asJson = parse.GetValue(json);
            var progress = asJson ? parse.InvocationConfiguration.Error : parse.InvocationConfiguration.Output;

            // The run's preparation and the in-process worker share this process's scratch folder; it goes at the end.
            using var scratch = WorkerFolders.Default.Use(new PipelineOptions().WorkDirectory);
            var prepared = await session.GuardAsync(() => StartAsync(session, id, configFile, progress, cancellationToken));
            if (parse.GetValue(detach))
            {
                parse.InvocationConfiguration.Output.WriteLine(id);
                return 0;
            }

            // A run that already completed needs no worker: report it as it stands.
            var finished = (await session.GuardAsync(() => session.Client.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken)))?.IsCompleted == true;
            IHost? worker = null;
            if (!parse.GetValue(noWorker) && !finished)
            {
                TorchRuntime.Initialize(prepared.Config.Threads);
                worker = WorkerCommand.BuildHost(session.HostOptions, session.Connection, session.Blobs.ContainerName, quiet: true);
                await worker.StartAsync(cancellationToken);
                progress.WriteLine($"Worker {session.HostOptions.WorkerId} running in this process; Ctrl-C stops it (rerun 'mpo train --run-id {id}' to continue).");
            }

            string state;
            try
            {
                state = await session.GuardAsync(() => WatchAsync(session, id, progress, cancellationToken));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await StopAsync(worker);
                if (IsTerminal(progress))
                {
                    progress.WriteLine();
                }

                progress.WriteLine($"Stopped. The run '{id}' continues with the next 'mpo train --run-id {id}' (or any 'mpo worker').");
                return 130;
            }

            await StopAsync(worker);
            if (asJson)
            {
                RunJson.Write(parse.InvocationConfiguration.Output, await session.GuardAsync(() => StatusCommand.ReadAsync(session, id, CancellationToken.None)));
            }
            else
            {
                progress.WriteLine($"Run '{id}' {state}. 'mpo status {id}' shows its checkpoint, metrics and evaluations.");
            }

            return state == "Completed" ? 0 : 1;
        });
        return command;
    }

    /// <summary>The default run id: <see cref="DefaultRunId"/>, or the config file's name made a valid id.</summary>
    internal static string DeriveRunId(string? configFile)
    {
        if (configFile is null)
        {
            return DefaultRunId;
        }

        var name = new StringBuilder();
        foreach (var c in Path.GetFileNameWithoutExtension(configFile).ToLowerInvariant())
        {
            name.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '-');
        }

        var id = name.ToString().Trim('-');
        return id.Length == 0 ? DefaultRunId : id[..Math.Min(id.Length, 48)].TrimEnd('-');
    }

    /// <summary>Prepares the run and starts its orchestration unless it is already alive (or completed).</summary>
    internal static async Task<PreparedRun> StartAsync(RunSession session, string id, string? configFile, TextWriter progress, CancellationToken cancellationToken)
    {
        await using var services = new ServiceCollection().AddLogging()
            .AddPipelineServices(session.Connection.ConnectionString, session.Blobs.ContainerName)
            .BuildServiceProvider();
        var prepared = await services.GetRequiredService<TrainingRunSetup>().PrepareAsync(id, configFile, cancellationToken);
        var existing = await session.Client.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken);
        if (existing is not null && !IsRestartable(existing.RuntimeStatus))
        {
            progress.WriteLine($"Run '{id}' is {RunProgressView.StateName(existing.RuntimeStatus)} on {session.Where}; attaching.");
        }
        else
        {
            if (existing is not null)
            {
                await PurgeRunAsync(session, id, prepared.Input.Plan.Epochs, cancellationToken);
            }

            await session.Client.ScheduleNewOrchestrationInstanceAsync(TaskNames.TrainingRun, prepared.Input, new StartOrchestrationOptions(id), cancellationToken);
            progress.WriteLine(prepared.Resumed
                ? $"Resumed run '{id}' from step {prepared.Input.State.Step} on {session.Where}."
                : $"Started run '{id}' ({prepared.Input.Plan.TotalSteps} steps) on {session.Where}.");
        }

        if (prepared.Config.Evaluation.EveryMinutes is { } minutes)
        {
            var scheduleId = TaskNames.ScheduleInstance(id);
            var schedule = await session.Client.GetInstanceAsync(scheduleId, getInputsAndOutputs: false, cancellationToken);
            if (schedule is null || IsRestartable(schedule.RuntimeStatus))
            {
                if (schedule is not null)
                {
                    await session.Client.PurgeInstanceAsync(scheduleId, cancellation: cancellationToken);
                }

                await session.Client.ScheduleNewOrchestrationInstanceAsync(
                    TaskNames.EvaluationSchedule, new EvaluationScheduleInput(id, minutes, -1), new StartOrchestrationOptions(scheduleId), cancellationToken);
            }
        }

        return prepared;
    }

    /// <summary>A failed or terminated run restarts from its stored state (its newest verified checkpoint).</summary>
    private static bool IsRestartable(OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;

    /// <summary>Removes a finished run instance and its finished epoch instances, so the restart can reuse their ids.</summary>
    private static async Task PurgeRunAsync(RunSession session, string id, int epochs, CancellationToken cancellationToken)
    {
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            var epochId = TaskNames.EpochInstance(id, epoch);
            if (await session.Client.GetInstanceAsync(epochId, getInputsAndOutputs: false, cancellationToken) is { } instance)
            {
                if (!instance.IsCompleted)
                {
                    await session.Client.TerminateInstanceAsync(epochId, cancellation: cancellationToken);
                    await session.Client.WaitForInstanceCompletionAsync(epochId, cancellationToken);
                }

                await session.Client.PurgeInstanceAsync(epochId, cancellation: cancellationToken);
            }
        }

        await session.Client.PurgeInstanceAsync(id, cancellation: cancellationToken);
    }

    /// <summary>Prints a progress line whenever the run advances, until it finishes; returns its final state name.</summary>
    private static async Task<string> WatchAsync(RunSession session, string id, TextWriter progress, CancellationToken cancellationToken)
    {
        var artifacts = new RunArtifacts(session, id);
        var clock = Stopwatch.StartNew();
        int? firstStep = null;
        var last = "";
        var lastEpoch = -1;
        var redraw = IsTerminal(progress);
        while (true)
        {
            var view = await RunLookup.GetAsync(session, id, cancellationToken);
            firstStep ??= view.Step;
            if (view.State is "Completed" or "Failed" or "Terminated")
            {
                if (redraw && last.Length > 0)
                {
                    progress.WriteLine();
                }

                if (view.Metadata.FailureDetails is { } failure)
                {
                    progress.WriteLine($"Run '{id}' failed: {RunJson.Describe(failure)}");
                }

                return view.State;
            }

            var line = await LineAsync(artifacts, view, clock.Elapsed, view.Step - firstStep.Value, cancellationToken);
            if (line != last)
            {
                if (!redraw)
                {
                    progress.WriteLine(line);
                }
                else
                {
                    // Redraw in place; an epoch that ends keeps its last line on screen.
                    if (view.Epoch != lastEpoch && last.Length > 0)
                    {
                        progress.WriteLine();
                        last = "";
                    }

                    progress.Write("\r" + line.PadRight(last.Length));
                    lastEpoch = view.Epoch;
                }

                last = line;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    /// <summary>
    /// One progress line: an epoch bar (epochs done) and a step bar (updates done in the current epoch), the whole
    /// run's share and ETA, the rubric version and the latest step's reward and KL.
    /// </summary>
    private static async Task<string> LineAsync(RunArtifacts artifacts, RunProgressView view, TimeSpan elapsed, int stepsDone, CancellationToken cancellationToken)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"[{view.State}] ");
        if (view.TotalSteps is { } total && total > 0 && view.Epochs is { } epochs && epochs > 0)
        {
            var perEpoch = total / epochs;
            var epochsDone = Math.Min(view.Step / perEpoch, epochs);
            var inEpoch = view.Step - Math.Min(epochsDone, epochs - 1) * perEpoch;
            text.Append(CultureInfo.InvariantCulture, $"epoch {Math.Min(epochsDone + 1, epochs)}/{epochs} {ProgressBar.Render(epochsDone, epochs, 8)} ")
                .Append(CultureInfo.InvariantCulture, $"step {view.Step}/{total} {ProgressBar.Render(inEpoch, perEpoch)} {100.0 * view.Step / total:F0}%");
            if (stepsDone > 0)
            {
                var eta = TimeSpan.FromSeconds(elapsed.TotalSeconds / stepsDone * (total - view.Step));
                text.Append(CultureInfo.InvariantCulture, $", ETA {eta:hh\\:mm\\:ss}");
            }
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture, $"epoch {view.Epoch + 1}, step {view.Step}");
        }

        text.Append(CultureInfo.InvariantCulture, $", rubric v{view.RubricVersion}");
        if (await artifacts.LatestMetricsAsync(cancellationToken) is JsonObject metrics)
        {
            text.Append(CultureInfo.InvariantCulture, $", reward {Number(metrics["reward_mean"])}, KL {Number(metrics["kl"])}");
        }

        return text.ToString();
    }

    /// <summary>Whether <paramref name="writer"/> is the console's own stream on a terminal (then lines are redrawn in place).</summary>
    private static bool IsTerminal(TextWriter writer) =>
        (ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected) || (ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected);

    private static string Number(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<double>(out var d) ? d.ToString("F3", CultureInfo.InvariantCulture) : "-";

    internal static async Task StopAsync(IHost? worker)
    {
        if (worker is null)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(MpoDurableTaskWorker.StopTimeout);
        await worker.StopAsync(timeout.Token);
        worker.Dispose();
    }
}
