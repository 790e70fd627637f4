using DurableTask.Core;
using DurableTask.Core.Command;
using DurableTask.Core.Middleware;
using DurableTask.Core.Entities;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mpo.Hosting.Worker;

/// <summary>
/// Runs each orchestration episode of an SDK orchestrator inside the DTFx orchestration dispatcher.
/// </summary>
/// <remarks>
/// Why a middleware instead of registering orchestrations with the <see cref="TaskHubWorker"/>: only here is the
/// <see cref="OrchestrationRuntimeState"/> available, and its parent instance must be passed to the shim factory,
/// or <c>context.Parent</c> is null in sub-orchestrations. Each episode gets its own DI scope.
/// </remarks>
internal sealed class SdkOrchestrationMiddleware(
    IDurableTaskFactory factory,
    IServiceProvider services,
    DurableTaskShimFactory shims,
    BehaviorOnContinueAsNew continueAsNewBehavior,
    ILogger logger)
{
    /// <summary>The middleware body; sets an <see cref="OrchestratorExecutionResult"/> so DTFx skips its own lookup.</summary>
    public Task InvokeAsync(DispatchMiddlewareContext context, Func<Task> next)
    {
        var runtimeState = context.GetProperty<OrchestrationRuntimeState>();
        var name = new TaskName(runtimeState.Name);
        var instanceId = runtimeState.OrchestrationInstance?.InstanceId ?? "?";
        using var scope = services.CreateScope();
        if (!factory.TryCreateOrchestrator(name, scope.ServiceProvider, out var orchestrator))
        {
            logger.OrchestratorNotFound(runtimeState.Name, instanceId);
            context.SetProperty(NotFound(runtimeState.Name));
            return Task.CompletedTask;
        }

        var parent = runtimeState.ParentInstance is { } p
            ? new ParentOrchestrationInstance(new TaskName(p.Name), p.OrchestrationInstance.InstanceId)
            : null;
        try
        {
            var shim = shims.CreateOrchestration(name, orchestrator, parent);
            var executor = new TaskOrchestrationExecutor(
                runtimeState,
                shim,
                continueAsNewBehavior,
                context.GetProperty<TaskOrchestrationEntityParameters>(),
                ErrorPropagationMode.UseFailureDetails,
                exceptionPropertiesProvider: null);
            context.SetProperty(executor.Execute());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The executor turns failures of orchestrator code into a failed orchestration; reaching here means the
            // shim or executor itself failed. Fail the instance with details rather than retrying the episode forever.
            logger.OrchestratorEpisodeFailed(e, runtimeState.Name, instanceId);
            context.SetProperty(Failed(new FailureDetails(e)));
        }

        return Task.CompletedTask;
    }

    private static OrchestratorExecutionResult NotFound(string name) => Failed(new FailureDetails(
        "OrchestratorTaskNotFound",
        $"No orchestrator named '{name}' is registered in this worker.",
        stackTrace: null,
        innerFailure: null,
        isNonRetriable: true));

    private static OrchestratorExecutionResult Failed(FailureDetails details) => new()
    {
        Actions =
        [
            new OrchestrationCompleteOrchestratorAction
            {
                OrchestrationStatus = OrchestrationStatus.Failed,
                Result = details.ErrorMessage,
                FailureDetails = details,
            },
        ],
    };
}
