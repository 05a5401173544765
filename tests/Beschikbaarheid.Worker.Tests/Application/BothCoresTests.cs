using Beschikbaarheid.Worker.Application;

namespace Beschikbaarheid.Worker.Tests.Application;

/// <summary>
/// A month or a year is calculated on one core while its fingerprint is made on the other: what is reported when either
/// fails, and that nothing is left running.
/// </summary>
public sealed class BothCoresTests
{
    [Fact]
    public async Task BothResults_AreReturned_WhenNeitherFails()
    {
        var (here, beside) = await BothCores.RunAsync(() => 6 * 7, () => "beside", CancellationToken.None);

        Assert.Equal(42, here);
        Assert.Equal("beside", beside);
    }

    [Fact]
    public async Task TheCalculationsFailure_IsReported_AfterThePassBesideHasEnded()
    {
        var besideEnded = false;
        var release = new TaskCompletionSource();

        var failing = BothCores.RunAsync<int, int>(() => throw new InvalidOperationException("the month"), () =>
        {
            release.Task.Wait();
            besideEnded = true;
            throw new TimeoutException("the fingerprint");
        }, CancellationToken.None);
        await Task.Delay(50);
        Assert.False(failing.IsCompleted);
        release.SetResult();

        // The calculation's failure is the one reported, and only once the pass beside has ended: nothing is left running.
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal("the month", thrown.Message);
        Assert.True(besideEnded);
    }

    [Fact]
    public async Task ThePassBesidesFailure_IsReported_WhenTheCalculationSucceeds()
    {
        var thrown = await Assert.ThrowsAsync<TimeoutException>(() => BothCores.RunAsync<int, int>(() => 1, () => throw new TimeoutException("the fingerprint"), CancellationToken.None));

        Assert.Equal("the fingerprint", thrown.Message);
    }

    [Fact]
    public async Task ThePassBeside_RunsOnAnotherThread_WhileTheCalculationRuns()
    {
        using var besideStarted = new ManualResetEventSlim();

        // The calculation waits for the pass beside to start: were it run after the calculation, or on its thread, the wait would end empty after 30 s.
        var (here, beside) = await BothCores.RunAsync(
            () => besideStarted.Wait(TimeSpan.FromSeconds(30)) ? Environment.CurrentManagedThreadId : -1,
            () =>
            {
                besideStarted.Set();
                return Environment.CurrentManagedThreadId;
            },
            CancellationToken.None);

        Assert.NotEqual(-1, here);
        Assert.NotEqual(here, beside);
    }
}
