namespace Mpo.Training.Model;

/// <summary>Builds the module of a config's family (placeholder weights; loading fills them).</summary>
public static class ModelFactory
{
    /// <summary>Creates the causal LM for <paramref name="config"/>.</summary>
    public static CausalLanguageModel Create(ModelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Architecture switch
        {
            ModelArchitecture.Llama or ModelArchitecture.Qwen2 => new LlamaForCausalLm(config),
            ModelArchitecture.Gpt2 => new Gpt2LmHeadModel(config),
            _ => throw new ArgumentOutOfRangeException(nameof(config), config.Architecture, "Unknown architecture."),
        };
    }
}
