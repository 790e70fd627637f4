using Mpo.Cli;

return await MpoCommandLine.RunAsync(args);
