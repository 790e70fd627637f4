using Mpo.Core;

namespace Mpo.Judging.Tasks;

/// <summary>The paper's four tasks by name. Other task sets (the bundled task) are registered by their owners.</summary>
public static class TaskCatalog
{
    /// <summary>Essay writing (<c>essay_writing</c>).</summary>
    public static TaskDefinition EssayWriting => EssayWritingTask.Definition;

    /// <summary>Summarization of bills (<c>summarization</c>).</summary>
    public static TaskDefinition Summarization => SummarizationTask.Definition;

    /// <summary>Ethical reasoning on anecdotes (<c>ethical_reasoning</c>).</summary>
    public static TaskDefinition EthicalReasoning => EthicalReasoningTask.Definition;

    /// <summary>Mathematical reasoning on MATH (<c>math_reasoning</c>).</summary>
    public static TaskDefinition MathReasoning => MathReasoningTask.Definition;

    /// <summary>The four paper tasks, in the paper's order.</summary>
    public static IReadOnlyList<TaskDefinition> PaperTasks { get; } =
        [EssayWritingTask.Definition, SummarizationTask.Definition, EthicalReasoningTask.Definition, MathReasoningTask.Definition];

    /// <summary>The paper task named <paramref name="name"/>; an unknown name is an input error listing the known ones.</summary>
    public static TaskDefinition Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return PaperTasks.FirstOrDefault(t => t.Name == name)
            ?? throw new MpoInputException($"task \"{name}\": unknown; known tasks: {string.Join(", ", PaperTasks.Select(t => t.Name))}.");
    }
}
