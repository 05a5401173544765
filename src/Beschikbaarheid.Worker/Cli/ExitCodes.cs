namespace Beschikbaarheid.Worker.Cli;

internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Rejected input or failed work; the reason is on stderr.</summary>
    public const int Failed = 1;

    /// <summary>Wrong usage: unknown verb or option, missing or malformed argument.</summary>
    public const int Usage = 2;
}
