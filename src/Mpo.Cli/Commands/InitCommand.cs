using System.CommandLine;
using Mpo.Core;
using Mpo.Pipeline.Config;

namespace Mpo.Cli.Commands;

/// <summary>
/// <c>mpo init [--task NAME] [--tiny] [--output FILE] [--force]</c>: writes an example run config (docs/run-config.md)
/// to start from: the embedded default, its one-minute smoke test (<c>--tiny</c>), or a paper task with LLM judges.
/// </summary>
internal static class InitCommand
{
    public static Command Create()
    {
        var task = new Option<string?>("--task") { Description = "mini_qa (default), essay_writing, summarization, ethical_reasoning or math_reasoning." };
        var tiny = new Option<bool>("--tiny") { Description = "The smoke-test config of the embedded default: finishes in about a minute." };
        var output = new Option<string>("--output") { Description = "Where to write it; - for standard output.", DefaultValueFactory = _ => "run.json" };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing file." };
        var command = new Command("init", "Write an example run configuration.") { task, tiny, output, force };
        command.SetAction(parse =>
        {
            var config = RunConfigTemplates.Create(parse.GetValue(task), parse.GetValue(tiny));
            var json = RunConfigJson.Serialize(config);
            RunConfigReader.Parse(json, "the example config");
            var path = parse.GetValue(output)!;
            var o = parse.InvocationConfiguration.Output;
            if (path == "-")
            {
                o.Write(json);
                return 0;
            }

            if (File.Exists(path) && !parse.GetValue(force))
            {
                throw new MpoInputException($"{path}: exists; pass --force to overwrite it, or --output FILE.");
            }

            File.WriteAllText(path, json);
            o.WriteLine($"wrote {path}: task {config.Task.Name}, {config.TotalSteps()} updates in {config.Epochs} epoch(s), RM {config.Rm.Kind}, MRM {config.Mrm.Kind}");
            return 0;
        });
        return command;
    }
}
