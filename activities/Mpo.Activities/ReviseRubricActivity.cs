using Microsoft.DurableTask;
using Mpo.Core.Pipeline;
using Mpo.Pipeline.Services;

namespace Mpo.Activities;

/// <summary>Lets the meta-reward model revise the rubric (<see cref="RubricRevisionService"/>).</summary>
[DurableTask(TaskNames.ReviseRubric)]
public sealed class ReviseRubricActivity(RubricRevisionService service) : TaskActivity<ReviseRubricInput, ReviseRubricOutput>
{
    /// <inheritdoc />
    public override Task<ReviseRubricOutput> RunAsync(TaskActivityContext context, ReviseRubricInput input) => service.ReviseAsync(input);
}
