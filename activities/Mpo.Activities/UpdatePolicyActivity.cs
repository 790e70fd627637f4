using Microsoft.DurableTask;
using Mpo.Core.Pipeline;
using Mpo.Pipeline.Services;

namespace Mpo.Activities;

/// <summary>Runs one policy update and stages the next checkpoint (<see cref="PolicyUpdateService"/>).</summary>
[DurableTask(TaskNames.UpdatePolicy)]
public sealed class UpdatePolicyActivity(PolicyUpdateService service) : TaskActivity<UpdatePolicyInput, UpdatePolicyOutput>
{
    /// <inheritdoc />
    public override Task<UpdatePolicyOutput> RunAsync(TaskActivityContext context, UpdatePolicyInput input) => service.UpdateAsync(input);
}
