using System.CommandLine;

namespace Mpo.Cli.Commands;

/// <summary><c>mpo model generate|info</c>: run and inspect Hugging Face model folders with the policy engine.</summary>
internal static class ModelCommand
{
    public static Command Create()
    {
        var command = new Command("model", "Generate text with, and describe, a Hugging Face model folder (llama, qwen2, gpt2).");
        command.Subcommands.Add(ModelGenerateCommand.Create());
        command.Subcommands.Add(ModelInfoCommand.Create());
        return command;
    }
}
