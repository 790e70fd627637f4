using Microsoft.Extensions.DependencyInjection;
using Mpo.Pipeline.Config;
using Mpo.Storage;
using Mpo.TestSupport;
using Mpo.Training.Rl;

namespace Mpo.Pipeline.Tests.Support;

/// <summary>One Azurite and one tiny policy folder for the whole test assembly.</summary>
public sealed class PipelineFixture : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();
    private readonly TempFolder _root = new();

    public string PolicyFolder => Path.Combine(_root.Path, "policy");

    public string Root => _root.Path;

    public string ConnectionString => _azurite.ConnectionString;

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        TinyPolicyFolder.Write(PolicyFolder);
    }

    public async Task DisposeAsync()
    {
        await _azurite.DisposeAsync();
        _root.Dispose();
    }

    /// <summary>A fresh container and worker folder, with every pipeline service, as a worker would have them.</summary>
    public ServiceProvider Services(string? container = null)
    {
        var store = BlobArtifactStore.Create(
            StorageConnection.FromConnectionString(ConnectionString),
            new ArtifactStoreOptions { ContainerName = container ?? TestNames.Unique("c") });
        return new ServiceCollection()
            .AddSingleton(store)
            .AddMpoPipeline(new PipelineOptions { WorkDirectory = Path.Combine(_root.Path, "work", Guid.NewGuid().ToString("n")) })
            .BuildServiceProvider();
    }

    /// <summary>A small config of the tiny policy: 2 shards of 2 prompts, 2 PPO updates per epoch, a revision every 2 updates.</summary>
    public RunConfig Config(int epochs = 1, int stepsPerEpoch = 3) => RunConfigTemplates.Tiny() with
    {
        Task = new TaskConfig { TestLimit = 6, InitialRubricFile = RubricFile() },
        Policy = new PolicyConfig { Model = PolicyFolder },
        Rl = new RlOptions { NumPpoEpochs = 1, ResponseLength = 6, PerDeviceTrainBatchSize = 4, LocalRolloutForwardBatchSize = 4, LearningRate = 1e-3 },
        Rm = new JudgeConfig(),
        NumMpoInterval = 2,
        NumMpoSamples = 8,
        Epochs = epochs,
        StepsPerEpoch = stepsPerEpoch,
        RolloutShards = 2,
        Retention = new RetentionConfig { KeepLast = 1 },
    };

    /// <summary>A one-item checked rubric the embedded judge can score (rewards length: flawed on purpose).</summary>
    public string RubricFile()
    {
        var path = Path.Combine(_root.Path, "rubric.txt");
        if (!File.Exists(path))
        {
            File.WriteAllText(path, "<rubric>\n<item check=\"scale words from 0 to 6 score 0..5\">\nThe answer is thorough. Score 0 (worst) to 5 (best).\n</item>\n</rubric>\n");
        }

        return path;
    }
}

[CollectionDefinition(Name)]
public sealed class PipelineCollection : ICollectionFixture<PipelineFixture>
{
    public const string Name = "pipeline";
}
