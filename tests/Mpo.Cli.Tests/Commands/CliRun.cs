namespace Mpo.Cli.Tests.Commands;

/// <summary>Runs <c>mpo</c> in-process and captures its exit code, output and error text.</summary>
internal static class CliRun
{
    public static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = await MpoCommandLine.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
