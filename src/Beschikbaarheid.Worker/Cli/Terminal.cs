using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Beschikbaarheid.Worker.Cli;

/// <summary>
/// Progress for long work: a live status line on an interactive terminal, plain log lines otherwise
/// (CI, cron, redirected output), so logs stay readable.
/// </summary>
internal static class Terminal
{
    public static bool Interactive =>
        !Console.IsOutputRedirected && !Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public static async Task<T> WithProgressAsync<T>(string title, ILogger logger, Func<IProgress<string>, Task<T>> work)
    {
        if (Interactive)
        {
            return await AnsiConsole.Status().StartAsync(title, context =>
                work(new Reporter(step => context.Status($"{Markup.Escape(title)}: {Markup.Escape(step)}")))).ConfigureAwait(false);
        }
        return await work(new Reporter(step => logger.LogInformation("{Title}: {Step}", title, step))).ConfigureAwait(false);
    }

    /// <summary>Reports synchronously, unlike <see cref="Progress{T}"/>, so lines appear in order and before the work ends.</summary>
    private sealed class Reporter(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
