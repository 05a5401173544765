using Beschikbaarheid.Worker.Cli;

return await CommandLine.InvokeAsync(args).ConfigureAwait(false);
