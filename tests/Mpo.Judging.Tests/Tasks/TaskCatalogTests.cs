using Mpo.Core;
using Mpo.Judging.Rubrics;
using Mpo.Judging.Tasks;

namespace Mpo.Judging.Tests.Tasks;

public class TaskCatalogTests
{
    [Fact]
    public void PaperTasks_FourTasksWithMetrics()
    {
        Assert.Equal(
            [("essay_writing", "elo"), ("summarization", "rouge"), ("ethical_reasoning", "verdict_accuracy"), ("math_reasoning", "math_accuracy")],
            TaskCatalog.PaperTasks.Select(t => (t.Name, t.Metric)));
    }

    [Theory]
    [InlineData("essay_writing")]
    [InlineData("summarization")]
    [InlineData("ethical_reasoning")]
    [InlineData("math_reasoning")]
    public void InitialRubric_ParsesToOneItem(string name)
    {
        var task = TaskCatalog.Get(name);

        var rubric = RubricFormat.Parse(task.InitialRubric, name);

        Assert.Single(rubric.Items);
        Assert.False(string.IsNullOrWhiteSpace(task.RewardModelPersona));
        Assert.False(string.IsNullOrWhiteSpace(task.MetaRewardModelPersona));
        Assert.False(string.IsNullOrWhiteSpace(task.TaskDescription));
    }

    [Theory]
    [InlineData("essay_writing", "prompt")]
    [InlineData("summarization", "clean_text")]
    [InlineData("ethical_reasoning", "title,text,action")]
    [InlineData("math_reasoning", "problem")]
    public void PolicyPromptTemplate_PlaceholdersAreSchemaFields(string name, string placeholders)
    {
        var task = TaskCatalog.Get(name);

        Assert.Equal(placeholders.Split(','), PromptTemplate.Placeholders(task.PolicyPromptTemplate));
        Assert.All(PromptTemplate.Placeholders(task.PolicyPromptTemplate), p => Assert.Contains(task.EffectiveData.Fields, f => f.Name == p));
    }

    [Fact]
    public void RenderPrompt_MathTemplate_KeepsBoxedBracesAndFillsProblem()
    {
        var prompt = TaskCatalog.MathReasoning.RenderPrompt(new Dictionary<string, string> { ["problem"] = "What is $1+1$?" });

        Assert.Contains("Problem:\nWhat is $1+1$?\n", prompt);
        Assert.Contains("\\boxed{ }", prompt);
        Assert.DoesNotContain("{problem}", prompt);
    }

    [Fact]
    public void RenderPrompt_EssayMarkers_SurroundThePrompt()
    {
        var prompt = TaskCatalog.EssayWriting.RenderPrompt(new Dictionary<string, string> { ["prompt"] = "Write about rain." });

        Assert.EndsWith("Instructions:\nWrite about rain.\n\nYour Writing:\n", prompt);
    }

    [Fact]
    public void RenderPrompt_MissingField_ErrorNamesField()
    {
        var e = Assert.Throws<MpoInputException>(() => TaskCatalog.EthicalReasoning.RenderPrompt(new Dictionary<string, string> { ["title"] = "t" }));

        Assert.Contains("field \"text\"", e.Message);
    }

    [Fact]
    public void Get_UnknownTask_ErrorListsKnownTasks()
    {
        var e = Assert.Throws<MpoInputException>(() => TaskCatalog.Get("poetry"));

        Assert.Contains("\"poetry\"", e.Message);
        Assert.Contains("essay_writing, summarization, ethical_reasoning, math_reasoning", e.Message);
    }

    [Fact]
    public void EffectiveData_NoSchema_PlaceholdersBecomeRequiredFields()
    {
        var task = new TaskDefinition("custom", "Q: {question}\nContext: {context}\nA:", "p", "m", "d", "<rubric><item>x</item></rubric>", "elo");

        Assert.Equal(["question", "context"], task.EffectiveData.Fields.Select(f => f.Name));
        Assert.All(task.EffectiveData.Fields, f => Assert.True(f.Required));
    }
}
