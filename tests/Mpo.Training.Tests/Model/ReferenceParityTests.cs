using System.Text.Json;
using Mpo.Training.Generation;
using Mpo.Training.Model;
using Mpo.Training.Tests.Support;

namespace Mpo.Training.Tests.Model;

/// <summary>
/// The "done when" check: folders written by an independent PyTorch script give the same greedy tokens and logits
/// as that script's own plain-torch forward of the architecture (full recompute, float64).
/// </summary>
[Collection(ReferenceFoldersCollection.Name)]
public class ReferenceParityTests(ReferenceFolders folders)
{
    [Theory]
    [InlineData("llama")]
    [InlineData("qwen2")]
    [InlineData("gpt2")]
    public void GenerateGreedy_BatchOfPrompts_MatchesPyTorchReference(string arch)
    {
        // Arrange
        TorchRuntime.Initialize(1);
        using var loaded = ModelFolder.Load(folders.Of(arch));
        string[] prompts = ["Hello there, the world", "a", "when the lion wore a hat"];

        // Act: ours batched (left-padded, KV cache); the reference one prompt at a time, no cache.
        var ours = CompletionRunner.Run(loaded, prompts, chat: false, new GenerationOptions { Greedy = true, MaxNewTokens = 8 });
        var args = new List<string> { ReferenceFolders.Script, "generate", "--model", folders.Of(arch), "--max-new-tokens", "8" };
        foreach (var c in ours)
        {
            args.AddRange(["--prompt-ids", string.Join(',', c.PromptTokenIds)]);
        }

        using var reference = JsonDocument.Parse(ExternalProcess.Run(ExternalProcess.Python, args));

        // Assert
        var results = reference.RootElement.GetProperty("results");
        for (int i = 0; i < prompts.Length; i++)
        {
            var expected = results[i];
            Assert.Equal(expected.GetProperty("generatedTokenIds").EnumerateArray().Select(e => e.GetInt32()), ours[i].GeneratedTokenIds);
            var top = expected.GetProperty("lastPromptTopLogits").EnumerateArray().ToList();
            Assert.Equal(top.Select(t => t.GetProperty("id").GetInt32()), ours[i].LastPromptTopLogits.Select(t => t.Id));
            for (int k = 0; k < top.Count; k++)
            {
                Assert.Equal(top[k].GetProperty("logit").GetDouble(), ours[i].LastPromptTopLogits[k].Logit, 1e-3);
            }
        }
    }
}
