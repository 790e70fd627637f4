using Microsoft.DurableTask;
using Mpo.Core.Pipeline;
using Mpo.Pipeline.Services;

namespace Mpo.Activities;

/// <summary>Evaluates a checkpoint on the task's test split (<see cref="EvaluationService"/>).</summary>
[DurableTask(TaskNames.Evaluate)]
public sealed class EvaluateActivity(EvaluationService service) : TaskActivity<EvaluationRequest, EvaluationResult>
{
    /// <inheritdoc />
    public override Task<EvaluationResult> RunAsync(TaskActivityContext context, EvaluationRequest input) => service.EvaluateAsync(input);
}
