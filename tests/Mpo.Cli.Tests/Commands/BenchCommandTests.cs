using System.Text.Json;

namespace Mpo.Cli.Tests.Commands;

/// <summary>
/// <c>mpo bench policy --quick --json</c> runs both sides (TorchSharp in-process, PyTorch through Debian's python3-torch,
/// which tests/setup.sh installs) and prints positive timings and ratios.
/// </summary>
public class BenchCommandTests
{
    [Fact]
    public async Task Policy_QuickJson_PrintsPositiveRatiosAndTimings()
    {
        // Arrange
        var output = new StringWriter();
        var error = new StringWriter();

        // Act
        var code = await MpoCommandLine.RunAsync(["bench", "policy", "--quick", "--json", "--threads", "1"], output, error);

        // Assert
        Assert.True(code == 0, error.ToString());
        using var report = JsonDocument.Parse(output.ToString());
        var root = report.RootElement;
        foreach (var field in new[]
        {
            "trainStepRatioVsPyTorch", "samplingRatioVsPyTorch", "kvCacheSpeedup", "trainStepMs", "pyTorchTrainStepMs",
            "sampleTokensPerSecond", "pyTorchSampleTokensPerSecond", "sampleNoCacheTokensPerSecond", "pyTorchSampleNoCacheTokensPerSecond",
        })
        {
            var value = root.GetProperty(field);
            Assert.Equal(JsonValueKind.Number, value.ValueKind);
            Assert.True(value.GetDouble() > 0 && double.IsFinite(value.GetDouble()), $"{field} = {value}");
        }

        Assert.Equal(1, root.GetProperty("threads").GetInt32());
        Assert.Contains("PyTorch built with", root.GetProperty("pyTorchConfig").GetString());
        Assert.Contains("blas", root.GetProperty("pyTorchBlas").GetString());
    }

    [Fact]
    public async Task Policy_ZeroThreads_ExitsOneNamingTheOption()
    {
        var error = new StringWriter();

        var code = await MpoCommandLine.RunAsync(["bench", "policy", "--threads", "0"], new StringWriter(), error);

        Assert.Equal(1, code);
        Assert.Contains("--threads", error.ToString());
    }
}
