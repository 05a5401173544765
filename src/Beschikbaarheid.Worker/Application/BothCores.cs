namespace Beschikbaarheid.Worker.Application;

/// <summary>Two independent passes over the same inputs at once: one on the calling thread, the other on another core.</summary>
internal static class BothCores
{
    /// <summary>
    /// <paramref name="here"/> on this thread while <paramref name="beside"/> runs on the thread pool. When <paramref name="here"/>
    /// throws, the other is waited for (whatever it ends in) before the exception goes on: it is never left running unobserved,
    /// and the refusal is what is reported.
    /// </summary>
    public static async Task<(T Here, TBeside Beside)> RunAsync<T, TBeside>(Func<T> here, Func<TBeside> beside, CancellationToken cancellationToken)
    {
        var running = Task.Run(beside, cancellationToken);
        T result;
        try
        {
            result = here();
        }
        catch
        {
            await ((Task)running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }
        return (result, await running.ConfigureAwait(false));
    }
}
