using System.Diagnostics;
using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;
using Mpo.Cli.Commands;
using Mpo.Cli.Runs;
using Mpo.Core;
using Mpo.Core.Pipeline;
using Mpo.Reports.Hacking;
using Mpo.Training;

namespace Mpo.Cli.Experiments;

/// <summary>
/// Runs the experiment's runs as normal durable runs on one task hub: each is started (or resumed, or found
/// finished) through the code <c>mpo train</c> uses, its start policy is evaluated with an on-demand evaluation of
/// checkpoint 0, and one in-process worker (the same host as <c>mpo worker</c>) works through all of them; the
/// hub's activity concurrency lets two runs train at a time. Then each run's series is read back from storage.
/// </summary>
internal static class HackingExperiment
{
    /// <summary>The reason of the start-policy evaluations (the reason <c>mpo eval</c> uses).</summary>
    public const string StartEvaluationReason = "demand";

    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    /// <summary>Runs (or resumes) every planned run to its end and returns their series, in plan order.</summary>
    /// <exception cref="MpoInputException">A run or an evaluation failed (names it).</exception>
    public static async Task<IReadOnlyList<ArmRun>> RunAsync(
        RunSession session, IReadOnlyList<PlannedRun> runs, TextWriter progress, CancellationToken cancellationToken)
    {
        var threads = 1;
        foreach (var run in runs)
        {
            var prepared = await session.GuardAsync(() => TrainCommand.StartAsync(session, run.RunId, run.ConfigFile, progress, cancellationToken)).ConfigureAwait(false);
            threads = prepared.Config.Threads;
            await session.GuardAsync(async () =>
            {
                await ScheduleStartEvaluationAsync(session, run.RunId, cancellationToken).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
        }

        IHost? worker = null;
        if (!await session.GuardAsync(() => AllDoneAsync(session, runs, cancellationToken)).ConfigureAwait(false))
        {
            TorchRuntime.Initialize(threads);
            worker = WorkerCommand.BuildHost(session.HostOptions, session.Connection, session.Blobs.ContainerName, quiet: true);
            await worker.StartAsync(cancellationToken).ConfigureAwait(false);
            progress.WriteLine($"Worker {session.HostOptions.WorkerId} running {runs.Count} runs in this process; Ctrl-C stops it (rerun the same command to continue).");
        }

        IReadOnlyDictionary<string, string> states;
        try
        {
            states = await session.GuardAsync(() => WaitAsync(session, runs, progress, cancellationToken)).ConfigureAwait(false);
        }
        finally
        {
            await TrainCommand.StopAsync(worker).ConfigureAwait(false);
        }

        var failed = runs.Where(r => states[r.RunId] != "Completed").ToList();
        if (failed.Count > 0)
        {
            throw new MpoInputException("Experiment runs did not complete: " + string.Join(", ", failed.Select(r => $"{r.RunId} ({states[r.RunId]})")) +
                                        ". 'mpo status RUN_ID' shows why; rerunning the command resumes them.");
        }

        var series = new List<ArmRun>();
        foreach (var run in runs)
        {
            series.Add(await session.GuardAsync(() => HackingCollector.CollectAsync(session, run, states[run.RunId], cancellationToken)).ConfigureAwait(false));
        }

        return series;
    }

    /// <summary>Schedules the evaluation of checkpoint 0 unless it is stored or in progress (a failed one is purged and retried).</summary>
    private static async Task ScheduleStartEvaluationAsync(RunSession session, string runId, CancellationToken cancellationToken)
    {
        if (await session.Blobs.ExistsAsync(BlobLayout.Evaluation(runId, 0, StartEvaluationReason), cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var checkpoint = await new RunArtifacts(session, runId).CommittedCheckpointAsync(0, cancellationToken).ConfigureAwait(false)
            ?? throw new MpoInputException($"Run '{runId}' has no committed checkpoint 0 in container '{session.Blobs.ContainerName}'.");
        var instanceId = TaskNames.EvaluationInstance(runId, 0, StartEvaluationReason);
        var existing = await session.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            if (existing.RuntimeStatus is not (OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Completed))
            {
                return;
            }

            await session.Client.PurgeInstanceAsync(instanceId, cancellation: cancellationToken).ConfigureAwait(false);
        }

        await session.Client.ScheduleNewOrchestrationInstanceAsync(
            TaskNames.Evaluation, new EvaluationRequest(runId, checkpoint, StartEvaluationReason), new StartOrchestrationOptions(instanceId), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> AllDoneAsync(RunSession session, IReadOnlyList<PlannedRun> runs, CancellationToken cancellationToken)
    {
        foreach (var run in runs)
        {
            var instance = await session.Client.GetInstanceAsync(run.RunId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
            if (instance?.IsCompleted != true || !await StartEvaluationDoneAsync(session, run.RunId, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }

        return true;
    }

    private static Task<bool> StartEvaluationDoneAsync(RunSession session, string runId, CancellationToken cancellationToken) =>
        session.Blobs.ExistsAsync(BlobLayout.Evaluation(runId, 0, StartEvaluationReason), cancellationToken);

    /// <summary>Polls until every run has finished and every start evaluation is stored; prints a line when progress changes.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> WaitAsync(
        RunSession session, IReadOnlyList<PlannedRun> runs, TextWriter progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var total = runs.Sum(r => r.Config.Epochs * r.Config.StepsPerEpoch);
        var last = "";
        while (true)
        {
            var states = new Dictionary<string, string>(StringComparer.Ordinal);
            var steps = 0;
            var evaluationsPending = 0;
            foreach (var run in runs)
            {
                var view = await RunLookup.GetAsync(session, run.RunId, cancellationToken).ConfigureAwait(false);
                states[run.RunId] = view.State;
                steps += view.Step;
                if (view.State != "Failed" && !await StartEvaluationDoneAsync(session, run.RunId, cancellationToken).ConfigureAwait(false))
                {
                    var evaluation = await session.Client.GetInstanceAsync(TaskNames.EvaluationInstance(run.RunId, 0, StartEvaluationReason), getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
                    if (evaluation is { RuntimeStatus: OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated })
                    {
                        throw new MpoInputException($"The start evaluation of run '{run.RunId}' ended {RunProgressView.StateName(evaluation.RuntimeStatus)}; rerun the command to retry it.");
                    }

                    evaluationsPending++;
                }
            }

            var finished = states.Values.Count(s => s is "Completed" or "Failed" or "Terminated");
            if (finished == runs.Count && evaluationsPending == 0)
            {
                return states;
            }

            var line = string.Create(CultureInfo.InvariantCulture, $"steps {steps}/{total} ({100.0 * steps / Math.Max(1, total):F0}%), runs finished {finished}/{runs.Count}, start evaluations pending {evaluationsPending}");
            if (line != last)
            {
                progress.WriteLine($"[{clock.Elapsed:hh\\:mm\\:ss}] {line}");
                last = line;
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }
}
