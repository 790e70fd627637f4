using Mpo.TestSupport;
using Mpo.Core;
using Mpo.Judging.Tasks;
using Mpo.Judging.Tests.Metrics;

namespace Mpo.Judging.Tests.Tasks;

public class MathProblemFileTests
{
    [Fact]
    public void ReadFolder_TestSplit_35ProblemsFiveLevelsPerDomain()
    {
        var problems = MathProblemFile.ReadFolder(SharedData.Path("math", "problems", "test"));

        Assert.Equal(35, problems.Count);
        Assert.Equal(7, problems.Select(p => p.Domain).Distinct().Count());
        Assert.All(problems.GroupBy(p => p.Domain), g =>
            Assert.Equal(["Level 1", "Level 2", "Level 3", "Level 4", "Level 5"], g.Select(p => p.Level).Order()));
        Assert.All(problems, p => Assert.NotNull(p.GoldAnswer));
    }

    [Fact]
    public void Read_Geometry66_FieldsAndFirstBoxGold()
    {
        var problem = MathProblemFile.Read(SharedData.Path("math", "problems", "test", "geometry", "66.json"));

        Assert.Equal(("geometry", "Level 5", "Geometry"), (problem.Domain, problem.Level, problem.Type));
        Assert.StartsWith("Square $ABCD$", problem.Problem);
        Assert.Equal(@"\frac{25}{13}", problem.GoldAnswer);
        Assert.Equal(@"\frac{25}{13}", problem.ToExample().Reference);
        Assert.Equal("geometry", problem.ToExample().Fields["domain"]);
    }

    [Fact]
    public void Read_MissingField_ErrorNamesFileAndField()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("mpo-math-").FullName, "1.json");
        File.WriteAllText(path, """{"problem": "p", "level": "Level 1", "solution": "\\boxed{1}"}""");

        var e = Assert.Throws<MpoInputException>(() => MathProblemFile.Read(path));

        Assert.Equal($"{path}: field \"type\": missing (a string is required).", e.Message);
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }
}
