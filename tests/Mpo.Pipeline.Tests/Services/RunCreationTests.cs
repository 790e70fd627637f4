using Microsoft.Extensions.DependencyInjection;
using Mpo.Core;
using Mpo.Core.Pipeline;
using Mpo.Pipeline.Services;
using Mpo.Pipeline.Tests.Support;

namespace Mpo.Pipeline.Tests.Services;

[Collection(PipelineCollection.Name)]
public sealed class RunCreationTests(PipelineFixture fixture)
{
    [Fact(Timeout = 60_000)]
    public async Task CreateAsync_ResponseLongerThanPositions_FailsBeforeCheckpointNamingField()
    {
        var config = fixture.Config() with { Rl = fixture.Config().Rl with { ResponseLength = 1020 } };
        await using var services = fixture.Services();

        var error = await Assert.ThrowsAsync<MpoInputException>(() => services.GetRequiredService<RunCreationService>().CreateAsync("long", config, fixture.Root));

        Assert.StartsWith("rl.response_length: the longest prompt has ", error.Message);
        Assert.Contains("max_position_embeddings (1024)", error.Message);
        Assert.Null(await services.GetRequiredService<PipelineStore>().Sets.GetManifestRefAsync(BlobLayout.Checkpoint("long", 0)));
    }

    [Fact(Timeout = 60_000)]
    public async Task CreateAsync_PolicyPadIsEos_FailsNamingFolderAndPadToken()
    {
        var folder = Path.Combine(fixture.Root, $"pad-eos-{Guid.NewGuid():n}");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.EnumerateFiles(fixture.PolicyFolder))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        File.WriteAllText(Path.Combine(folder, "tokenizer_config.json"), """{"bos_token":"<s>","eos_token":"</s>","pad_token":"</s>","add_bos_token":true}""");
        var config = fixture.Config() with { Policy = new Mpo.Pipeline.Config.PolicyConfig { Model = folder } };
        await using var services = fixture.Services();

        var error = await Assert.ThrowsAsync<MpoInputException>(() => services.GetRequiredService<RunCreationService>().CreateAsync("padeos", config, fixture.Root));

        Assert.StartsWith($"{folder}: the pad token is the EOS token", error.Message);
    }
}
