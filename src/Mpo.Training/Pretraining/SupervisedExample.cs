namespace Mpo.Training.Pretraining;

/// <summary>One supervised pair as token ids; only the response is learned.</summary>
/// <param name="PromptIds">The prompt as the model reads it (BOS included when the tokenizer adds one).</param>
/// <param name="ResponseIds">The response followed by EOS: the targets of the loss.</param>
public sealed record SupervisedExample(int[] PromptIds, int[] ResponseIds);
