namespace Mpo.Training.Model;

/// <summary>
/// How a family's file keys and layouts differ from the module's state_dict: GPT-2 files store the four Conv1D
/// weights as (in, out), may omit the <c>transformer.</c> prefix (original OpenAI-converted files), and carry
/// <c>attn.bias</c>/<c>attn.masked_bias</c> causal-mask buffers that this engine computes instead. A tied LM head's
/// duplicate <c>lm_head.weight</c>, present in some files, is skipped.
/// </summary>
public sealed class CheckpointLayout
{
    private static readonly string[] Conv1DSuffixes = [".attn.c_attn.weight", ".attn.c_proj.weight", ".mlp.c_fc.weight", ".mlp.c_proj.weight"];
    private readonly ModelConfig _config;

    /// <summary>Creates the layout of <paramref name="config"/>'s family.</summary>
    public CheckpointLayout(ModelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config;
    }

    private bool IsGpt2 => _config.Architecture == ModelArchitecture.Gpt2;

    /// <summary>The state_dict key of a file key, or <c>null</c> when the file entry is not a weight of this engine.</summary>
    public string? ToModelKey(string fileKey)
    {
        ArgumentNullException.ThrowIfNull(fileKey);
        if (fileKey == "lm_head.weight" && _config.TieWordEmbeddings)
        {
            return null;
        }

        if (!IsGpt2)
        {
            return fileKey;
        }

        if (fileKey.EndsWith(".attn.bias", StringComparison.Ordinal) || fileKey.EndsWith(".attn.masked_bias", StringComparison.Ordinal))
        {
            return null;
        }

        return fileKey.StartsWith("transformer.", StringComparison.Ordinal) || fileKey.StartsWith("lm_head.", StringComparison.Ordinal)
            ? fileKey
            : "transformer." + fileKey;
    }

    /// <summary>Whether the file stores this state_dict key transposed (GPT-2's Conv1D weights).</summary>
    public bool IsTransposedInFile(string modelKey) =>
        IsGpt2 && Conv1DSuffixes.Any(s => modelKey.EndsWith(s, StringComparison.Ordinal));
}
