using Mpo.Judging.Bundled;
using Mpo.TestSupport;
using Mpo.Training.Model;
using Mpo.Training.Pretraining;
using Mpo.Training.Tokenization;
using static TorchSharp.torch;

namespace Mpo.Training.Tests.Pretraining;

public sealed class SupervisedTrainerTests
{
    private static readonly TinyModelOptions Small = new() { HiddenSize = 32, IntermediateSize = 64, LayerCount = 1, HeadCount = 2, KeyValueHeadCount = 1 };

    private static (ModelConfig Config, List<SupervisedExample> Examples) Data(TempFolder folder, int pairs)
    {
        var corpus = MiniQaData.Corpus(pairs, 3);
        TokenizerFilesWriter.Write(BpeTrainer.Train(corpus.Select(p => p.Prompt + PolicyPretraining.ResponseText(p.Response))), folder.Path, 64);
        var tokenizer = ModelTokenizer.Load(folder.Path);
        var examples = corpus.Select(p => new SupervisedExample(tokenizer.Encode(p.Prompt, addBos: true), [.. tokenizer.Encode(PolicyPretraining.ResponseText(p.Response)), 0])).ToList();
        return (TinyModel.Config(Small, tokenizer.Count, 0), examples);
    }

    private static (SupervisedResult Result, byte[] Weights) Run(ModelConfig config, List<SupervisedExample> examples, int seed)
    {
        TorchRuntime.Initialize(1);
        using var model = TinyModel.Create(config, seed, 0.02);
        using var trainer = new SupervisedTrainer(model, new SupervisedTrainerOptions { Steps = 40, BatchSize = 16, WarmupSteps = 5, LearningRate = 1e-2, Seed = seed });
        var result = trainer.Train(examples);
        var bytes = model.state_dict().OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => p.Value.detach().contiguous().bytes.ToArray()).ToArray();
        return (result, bytes);
    }

    [Fact]
    public void Train_TinyCorpus_LowersTheLoss()
    {
        using var folder = new TempFolder();
        var (config, examples) = Data(folder, 64);

        var (result, _) = Run(config, examples, 1);

        Assert.Equal(40, result.Losses.Count);
        Assert.True(result.Losses.TakeLast(5).Average() < 0.65 * result.Losses.Take(5).Average(), string.Join(", ", result.Losses));
    }

    [Fact]
    public void Train_SameSeedTwice_BitIdenticalWeights()
    {
        using var folder = new TempFolder();
        var (config, examples) = Data(folder, 64);

        var first = Run(config, examples, 5);
        var second = Run(config, examples, 5);
        var other = Run(config, examples, 6);

        Assert.Equal(first.Result.Losses, second.Result.Losses);
        Assert.True(first.Weights.AsSpan().SequenceEqual(second.Weights), "same seed gave different weights");
        Assert.False(first.Weights.AsSpan().SequenceEqual(other.Weights), "another seed gave the same weights");
    }

    [Fact]
    public void Collate_RaggedExamples_PadsRightAndMasksPromptAndPadding()
    {
        using var batch = SupervisedBatch.Collate([new SupervisedExample([0, 5, 6], [7, 0]), new SupervisedExample([0, 9], [0])], padTokenId: 0);

        Assert.Equal(new long[] { 0, 5, 6, 7, 0, 0, 9, 0, 0, 0 }, batch.InputIds.data<long>().ToArray());
        Assert.Equal(new long[] { 1, 1, 1, 1, 1, 1, 1, 1, 0, 0 }, batch.AttentionMask.data<long>().ToArray());
        // Position t predicts token t + 1: row 0 learns 7 (t=2) and EOS (t=3); row 1 learns EOS (t=1) only.
        Assert.Equal(new float[] { 0, 0, 1, 1, 0, 1, 0, 0 }, batch.LossMask.data<float>().ToArray());
    }

    [Fact]
    public void Loss_PaddedRow_EqualsTheRowAlone()
    {
        using var folder = new TempFolder();
        var (config, examples) = Data(folder, 8);
        TorchRuntime.Initialize(1);
        using var model = TinyModel.Create(config, 2, 0.02);
        var shortOne = examples.MinBy(e => e.PromptIds.Length + e.ResponseIds.Length)!;
        var longOne = examples.MaxBy(e => e.PromptIds.Length + e.ResponseIds.Length)!;
        using var noGrad = no_grad();

        using var alone = SupervisedBatch.Collate([shortOne], 0);
        using var twice = SupervisedBatch.Collate([shortOne, shortOne], 0);
        double lossAlone = SupervisedTrainer.Loss(model, alone).item<float>();
        double lossTwice = SupervisedTrainer.Loss(model, twice).item<float>();
        using var mixed = SupervisedBatch.Collate([longOne, shortOne], 0);
        using var longAlone = SupervisedBatch.Collate([longOne], 0);
        double lossMixed = SupervisedTrainer.Loss(model, mixed).item<float>();
        double lossLong = SupervisedTrainer.Loss(model, longAlone).item<float>();
        int nShort = shortOne.ResponseIds.Length, nLong = longOne.ResponseIds.Length;

        Assert.Equal(lossAlone, lossTwice, 5);
        Assert.Equal(((lossLong * nLong) + (lossAlone * nShort)) / (nLong + nShort), lossMixed, 5);
    }

    [Fact]
    public void LearningRateSchedule_WarmupThenCosine_ReachesPeakThenFloor()
    {
        var options = new SupervisedTrainerOptions { Steps = 110, WarmupSteps = 10, LearningRate = 1e-2, MinLearningRateRatio = 0.1 };

        Assert.Equal(1e-3, LearningRateSchedule.At(options, 0), 12);
        Assert.Equal(1e-2, LearningRateSchedule.At(options, 9), 12);
        Assert.Equal(1e-2, LearningRateSchedule.At(options, 10), 12);
        Assert.Equal(1e-3, LearningRateSchedule.At(options, 109), 12);
        Assert.Equal(5.5e-3, LearningRateSchedule.At(options with { Decay = LearningRateDecay.Linear }, 59), 3);
    }
}
