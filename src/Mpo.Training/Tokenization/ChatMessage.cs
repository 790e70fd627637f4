namespace Mpo.Training.Tokenization;

/// <summary>One message of a chat.</summary>
/// <param name="Role">system, user or assistant.</param>
/// <param name="Content">The text.</param>
public sealed record ChatMessage(string Role, string Content);
