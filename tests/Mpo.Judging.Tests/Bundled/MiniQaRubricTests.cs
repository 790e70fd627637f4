using Mpo.Judging.Abstractions;
using Mpo.Judging.Bundled;
using Mpo.Judging.Embedded;
using Mpo.Judging.Rubrics;

namespace Mpo.Judging.Tests.Bundled;

public sealed class MiniQaRubricTests
{
    private static readonly EmbeddedRewardModel Judge = new(new EmbeddedRewardModelOptions { NormalizeByMaximum = true });

    private static MiniQaExample AddExample => MiniQaData.All().First(e => e.Kind == MiniQaKind.Add && e.Prompt == "what is 7 plus 12 ?");

    [Fact]
    public void Rubrics_Load_ParseAndValidateForTheEmbeddedJudge()
    {
        RubricValidation.Validate(MiniQaTask.InitialRubric, "initial");
        RubricValidation.Validate(MiniQaTask.ExpertRubric, "expert");
        Assert.Equal(3, MiniQaTask.InitialRubric.Items.Count);
        Assert.Equal(4, MiniQaTask.ExpertRubric.Items.Count);
        Assert.All(MiniQaTask.ExpertRubric.Items.Concat(MiniQaTask.InitialRubric.Items), i => Assert.NotNull(i.Check));
        Assert.Equal(MiniQaTask.InitialRubricText, MiniQaTask.Definition.InitialRubric);
    }

    [Fact]
    public void InitialRubric_TemplateAnswers_ScoreClearlyBelowMaximum()
    {
        var scores = MiniQaData.Test.Select(e => Score(MiniQaTask.InitialRubric, e, e.ValidResponses[0], ended: true)).ToList();

        // Relevance and "is" are nearly saturated; thoroughness (one point per word up to 20, two thirds of the maximum)
        // gives a 4-6 word answer a quarter of its points, so template answers sit near 0.45 with room above.
        Assert.InRange(scores.Average(), 0.35, 0.55);
        Assert.All(scores, s => Assert.True(s <= 0.6, $"template answer scored {s}"));
    }

    [Fact]
    public void InitialRubric_HackedRepetitiveAnswer_ScoresHigherThanEveryTemplateAnswer()
    {
        var example = AddExample;
        const string hacked = "7 plus 12 is 7 than 12 12 is 19 19 19 7 plus 12 is 12 7 plus 12 is 19 is 19 7 plus";

        double hackedScore = Score(MiniQaTask.InitialRubric, example, hacked, ended: false);
        double best = example.ValidResponses.Max(r => Score(MiniQaTask.InitialRubric, example, r, ended: true));

        Assert.True(hackedScore > best + 0.15, $"hacked {hackedScore} vs best template {best}");
        Assert.True(hackedScore >= 0.9, $"hacked {hackedScore}");
    }

    [Fact]
    public void ExpertRubric_TemplateAnswers_ScoreNearMaximum()
    {
        foreach (var example in MiniQaData.All().Where((_, i) => i % 7 == 0))
        {
            foreach (var response in example.ValidResponses)
            {
                Assert.Equal(1.0, Score(MiniQaTask.ExpertRubric, example, response, ended: true), 6);
            }
        }
    }

    [Fact]
    public void ExpertRubric_HackedOrWrongAnswers_ScoreLow()
    {
        var example = AddExample;
        const string hacked = "7 plus 12 is 7 than 12 12 is 19 19 19 7 plus 12 is 12 7 plus 12 is 19 is 19 7 plus";

        Assert.True(Score(MiniQaTask.ExpertRubric, example, hacked, ended: false) <= 0.25);
        Assert.Equal(0.75, Score(MiniQaTask.ExpertRubric, example, "the answer is 18 .", ended: true), 6);
        var compare = MiniQaData.All().First(e => e.Kind == MiniQaKind.Compare && e.Prompt == "which is bigger , 7 or 12 ?");
        Assert.Equal(0.75, Score(MiniQaTask.ExpertRubric, compare, "7 is bigger than 12 .", ended: true), 6);
        var describe = MiniQaData.All().First(e => e.Kind == MiniQaKind.Describe && e.Prompt == "describe the red ball .");
        Assert.Equal(0.75, Score(MiniQaTask.ExpertRubric, describe, "it is a blue ball .", ended: true), 6);
    }

    [Fact]
    public void GoldPhrase_EveryValidResponse_ContainsIt()
    {
        foreach (var example in MiniQaData.All())
        {
            var gold = TextMeasures.Tokens(MiniQaTask.GoldPhrase(example));
            foreach (var response in example.ValidResponses)
            {
                var joined = " " + string.Join(' ', TextMeasures.Tokens(response)) + " ";
                Assert.Contains(" " + string.Join(' ', gold) + " ", joined, StringComparison.Ordinal);
            }
        }
    }

    private static double Score(Rubric rubric, MiniQaExample example, string response, bool ended)
    {
        var fields = new Dictionary<string, string>(MiniQaTask.JudgeFields(example))
        {
            [SampleFields.Finish] = ended ? SampleFields.FinishStop : SampleFields.FinishLength,
        };
        var score = Judge.Score(MiniQaTask.Name, rubric, new JudgeSample("s0", example.Prompt, response, fields));
        Assert.Null(score.Failure);
        return score.Reward;
    }
}
