using Microsoft.DurableTask;
using Mpo.Core.Pipeline;

namespace Mpo.Orchestrations;

/// <summary>Evaluates one checkpoint on the task's test split with the task's metric (after an epoch, on a schedule, or on demand).</summary>
[DurableTask(TaskNames.Evaluation)]
public sealed class EvaluationOrchestrator : TaskOrchestrator<EvaluationRequest, EvaluationResult>
{
    /// <inheritdoc />
    public override Task<EvaluationResult> RunAsync(TaskOrchestrationContext context, EvaluationRequest input) =>
        context.EvaluateAsync(input);
}
