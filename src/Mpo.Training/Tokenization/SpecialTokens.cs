namespace Mpo.Training.Tokenization;

/// <summary>
/// The control tokens generation and chat formatting need, read from <c>tokenizer_config.json</c> and
/// <c>generation_config.json</c>.
/// </summary>
/// <param name="BosToken">Beginning-of-sequence text (<c>bos_token</c>), or <c>null</c>.</param>
/// <param name="EosToken">End-of-sequence text (<c>eos_token</c>), or <c>null</c>.</param>
/// <param name="PadToken">Padding text (<c>pad_token</c>), or <c>null</c>.</param>
/// <param name="EosTokenIds">Every id that ends generation: generation_config's <c>eos_token_id</c> (int or list) and the eos token.</param>
/// <param name="PadTokenId">The id used for padding: pad token, generation_config's <c>pad_token_id</c>, else the first EOS id.</param>
/// <param name="BosTokenId">The BOS id, or <c>null</c>.</param>
/// <param name="AddBosToken">Whether plain (non-chat) encoding starts with BOS (<c>add_bos_token</c>, or a post-processor that adds it).</param>
/// <param name="ChatTemplate">The raw <c>chat_template</c>, or <c>null</c>.</param>
public sealed record SpecialTokens(
    string? BosToken,
    string? EosToken,
    string? PadToken,
    IReadOnlyList<int> EosTokenIds,
    int PadTokenId,
    int? BosTokenId,
    bool AddBosToken,
    string? ChatTemplate);
