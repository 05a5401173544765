namespace Beschikbaarheid.Tests;

/// <summary>
/// A test that needs something from outside the process (a PostgreSQL server, LibreOffice). On a developer's
/// machine without it the test is skipped, saying why; in CI (<c>CI=true</c>) it fails instead, because .ci/run
/// provides everything such a test needs, so its absence there is a broken pipeline, not a reason to skip.
/// </summary>
internal static class Prerequisite
{
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <param name="missing">Whether the prerequisite is absent.</param>
    /// <param name="reason">What is missing and how to provide it.</param>
    public static void Require(bool missing, string reason)
    {
        if (!missing)
        {
            return;
        }
        if (InCi)
        {
            Assert.Fail($"{reason} CI=true: .ci/run provides this, so its absence fails the test instead of skipping it.");
        }
        Assert.Skip(reason);
    }
}
