using Mpo.Training.Tokenization;
using static TorchSharp.torch;

namespace Mpo.Training.Model;

/// <summary>A model folder in memory: its config, the module (weights loaded), and its tokenizer, if the folder has one.</summary>
/// <param name="Directory">The folder it was read from (tokenizer files are copied from here on save).</param>
/// <param name="Config">The architecture arguments.</param>
/// <param name="Model">The module, in <paramref name="Dtype"/> on <paramref name="Device"/>, in eval mode.</param>
/// <param name="Tokenizer">The tokenizer, or <c>null</c> when the folder has no tokenizer.json.</param>
/// <param name="Device">Where the weights live.</param>
/// <param name="Dtype">The compute dtype.</param>
public sealed record LoadedModel(string Directory, ModelConfig Config, CausalLanguageModel Model, ModelTokenizer? Tokenizer, Device Device, ScalarType Dtype) : IDisposable
{
    /// <summary>Number of parameters (a tied head counted once).</summary>
    public long ParameterCount => Model.parameters().Sum(p => p.numel());

    /// <summary>The tokenizer, or an error naming the folder when it has none.</summary>
    public ModelTokenizer RequireTokenizer() =>
        Tokenizer ?? throw new Mpo.Core.MpoInputException($"{Directory}: no {TokenizerJsonReader.FileName}; text prompts need a tokenizer.");

    /// <inheritdoc />
    public void Dispose() => Model.Dispose();
}
