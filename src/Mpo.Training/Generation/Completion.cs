namespace Mpo.Training.Generation;

/// <summary>One prompt's result in a form for people and JSON.</summary>
/// <param name="Prompt">The prompt text as given.</param>
/// <param name="PromptTokenIds">The ids the model read (after chat formatting, if any).</param>
/// <param name="GeneratedTokenIds">The response ids, stop token included.</param>
/// <param name="Text">The response decoded, special tokens left out.</param>
/// <param name="LastPromptTopLogits">The largest logits at the last prompt position, largest first.</param>
public sealed record Completion(string Prompt, int[] PromptTokenIds, int[] GeneratedTokenIds, string Text, IReadOnlyList<TokenLogit> LastPromptTopLogits);

/// <summary>A token id and its logit.</summary>
/// <param name="Id">Token id.</param>
/// <param name="Logit">Its raw logit.</param>
public sealed record TokenLogit(int Id, float Logit);
