using Mpo.Core;
using Mpo.Hosting.Configuration;
using Mpo.TestSupport;

namespace Mpo.Hosting.Tests.Configuration;

public sealed class DurableHostConfigurationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Load_NoSources_ReturnsDocumentedDefaults()
    {
        var options = DurableHostConfiguration.Load(null, null, _ => null);

        Assert.Equal(new DurableHostOptions(), options);
        Assert.Equal("mpo", options.HubName);
        Assert.Equal(4, options.PartitionCount);
        Assert.Equal(TimeSpan.FromSeconds(30), options.WorkItemQueueVisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), options.MaxQueuePollingInterval);
        Assert.Equal($"{Environment.MachineName}-0", options.WorkerId);
    }

    [Fact]
    public void Load_RepositoryHostJson_ReadsDurableFunctionsKeys()
    {
        var hostJson = Path.Combine(RepositoryRoot(), "host.json");

        var options = DurableHostConfiguration.Load(hostJson, null, _ => null);

        Assert.Equal("mpo", options.HubName);
        Assert.Equal(4, options.PartitionCount);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ControlQueueVisibilityTimeout);
        Assert.Equal(2, options.MaxConcurrentActivityFunctions);
        Assert.Equal(8, options.MaxConcurrentOrchestratorFunctions);
    }

    [Fact]
    public void Load_AllThreeSources_CommandLineBeatsEnvironmentBeatsHostJson()
    {
        var hostJson = Write("""
            { "extensions": { "durableTask": { "hubName": "fromfile", "maxConcurrentActivityFunctions": 3,
              "storageProvider": { "partitionCount": 2, "maxQueuePollingInterval": "00:00:05" } } } }
            """);
        var environment = new Dictionary<string, string?>
        {
            ["MPO_HUB_NAME"] = "fromenv",
            ["MPO_PARTITION_COUNT"] = "8",
            ["MPO_WORKER_SLOT"] = "2",
        };

        var options = DurableHostConfiguration.Load(
            hostJson, new Dictionary<string, string?> { ["--hub"] = "fromcli", ["--slot"] = null }, environment.GetValueOrDefault);

        Assert.Equal("fromcli", options.HubName);
        Assert.Equal(8, options.PartitionCount);
        Assert.Equal(3, options.MaxConcurrentActivityFunctions);
        Assert.Equal(TimeSpan.FromSeconds(5), options.MaxQueuePollingInterval);
        Assert.Equal(2, options.WorkerSlot);
    }

    [Fact]
    public void Load_PartitionCountOutOfRange_NamesFileKeyAndProblem()
    {
        var hostJson = Write("""{ "extensions": { "durableTask": { "storageProvider": { "partitionCount": 40 } } } }""");

        var e = Assert.Throws<MpoInputException>(() => DurableHostConfiguration.Load(hostJson, null, _ => null));

        Assert.Contains("host.json (extensions.durableTask.storageProvider.partitionCount)", e.Message, StringComparison.Ordinal);
        Assert.Contains("between 1 and 16", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MPO_MAX_QUEUE_POLLING_INTERVAL", "30", "is not a duration")]
    [InlineData("MPO_MAX_CONCURRENT_ACTIVITY_FUNCTIONS", "two", "is not a whole number")]
    [InlineData("MPO_HUB_NAME", "my-hub", "letters and digits")]
    public void Load_BadEnvironmentValue_NamesVariableAndProblem(string variable, string value, string problem)
    {
        var e = Assert.Throws<MpoInputException>(
            () => DurableHostConfiguration.Load(null, null, name => name == variable ? value : null));

        Assert.Contains($"environment variable {variable}", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadSlotOption_NamesOption()
    {
        var e = Assert.Throws<MpoInputException>(() => DurableHostConfiguration.Load(
            null, new Dictionary<string, string?> { ["--slot"] = "1000" }, _ => null));

        Assert.StartsWith("option --slot:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_HostJsonNotJson_NamesFile()
    {
        var hostJson = Write("{ not json");

        var e = Assert.Throws<MpoInputException>(() => DurableHostConfiguration.Load(hostJson, null, _ => null));

        Assert.StartsWith($"{hostJson}: not valid JSON", e.Message, StringComparison.Ordinal);
    }

    private string Write(string json)
    {
        var path = Path.Combine(_folder.Path, "host.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MPO.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("MPO.sln not found above the test assembly");
    }
}
