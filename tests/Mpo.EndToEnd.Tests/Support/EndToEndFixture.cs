using Mpo.TestSupport;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Mpo.EndToEnd.Tests.Support;

/// <summary>
/// Azurite for the whole collection, and one uninterrupted run of <see cref="EndToEndConfigs.Standard"/> (a real
/// <c>mpo worker</c>, never disturbed) that the other runs are compared with: training is deterministic, so any
/// run of the same config must end with the same checkpoint manifest, whatever happened on the way.
/// </summary>
public sealed class EndToEndFixture(IMessageSink sink) : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();

    /// <summary>The storage connection string.</summary>
    public string ConnectionString => _azurite.ConnectionString;

    /// <summary>The uninterrupted run.</summary>
    public RunOutcome Baseline { get; private set; } = null!;

    /// <summary>How long the uninterrupted run took, from <c>mpo train --detach</c> to Completed.</summary>
    public TimeSpan BaselineDuration { get; private set; }

    /// <summary>The uninterrupted run's mean time per update as <c>mpo status</c> saw it (how fast this machine is now).</summary>
    public TimeSpan BaselineStepTime { get; private set; }

    /// <summary>Blob access to the run artifacts.</summary>
    public RunArtifacts Artifacts { get; private set; } = null!;

    /// <summary>A new task hub on the fixture's storage.</summary>
    public TaskHub NewHub(ITestOutputHelper output) => new(ConnectionString, line => Log(output, line));

    /// <summary>Writes a line to the test output and to stderr (so CI logs keep seeds and timings).</summary>
    public static void Log(ITestOutputHelper output, string line)
    {
        output.WriteLine(line);
        Console.Error.WriteLine($"[e2e] {line}");
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        Artifacts = new RunArtifacts(ConnectionString);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var runId = TestNames.Unique("baseline");
        await using var hub = new TaskHub(ConnectionString, line => sink.OnMessage(new DiagnosticMessage(line)));
        await hub.StartRunAsync(runId, EndToEndConfigs.Json(EndToEndConfigs.Standard()));
        var worker = hub.StartWorker();
        var firstSeen = new Dictionary<int, TimeSpan>();
        var status = await hub.StatusUntilAsync(runId, s =>
        {
            firstSeen.TryAdd(s.GetProperty("step").GetInt32(), clock.Elapsed);
            return s.GetProperty("state").GetString() == "Completed";
        }, TimeSpan.FromMinutes(3), worker);
        BaselineDuration = clock.Elapsed;
        var (first, last) = (firstSeen.Keys.Where(k => k > 0).Min(), firstSeen.Keys.Max());
        BaselineStepTime = last > first ? (firstSeen[last] - firstSeen[first]) / (last - first) : BaselineDuration / EndToEndConfigs.TotalSteps;
        Baseline = await Artifacts.OutcomeAsync(runId, status);
        Console.Error.WriteLine($"[e2e] baseline run: {BaselineDuration.TotalSeconds:F1} s, {BaselineStepTime.TotalMilliseconds:F0} ms per update, final checkpoint {Baseline.Step} sha256 {Baseline.Sha256}");
    }

    /// <inheritdoc />
    public Task DisposeAsync() => _azurite.DisposeAsync();
}

/// <summary>The end-to-end tests run one after another (each starts worker processes) on one Azurite and one baseline run.</summary>
[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<EndToEndFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "end-to-end on Azurite";
}

/// <summary>Assertions shared by the tests that compare a disturbed run with the baseline.</summary>
public static class SameTraining
{
    /// <summary>
    /// The run ended where the baseline did, byte for byte: the same final checkpoint manifest SHA-256, the same
    /// rubric versions, the optimizer stepped exactly once per update, and exactly one metrics line per update.
    /// </summary>
    public static void AssertEqual(RunOutcome baseline, RunOutcome run)
    {
        var expectedSteps = Enumerable.Range(1, EndToEndConfigs.TotalSteps).ToList();
        Assert.Equal(EndToEndConfigs.TotalSteps, run.Step);
        Assert.Equal(baseline.Sha256, run.Sha256);
        Assert.Equal(baseline.RubricVersions, run.RubricVersions);
        Assert.Equal(EndToEndConfigs.TotalSteps, run.CompletedUpdates);
        Assert.Equal(expectedSteps, run.MetricsSteps);
        Assert.Equal(expectedSteps, baseline.MetricsSteps);
    }
}
