namespace Beschikbaarheid.Data.Database;

/// <summary>The database cannot be used as configured: unreachable, unwritable, or newer than this program.</summary>
public sealed class DatabaseUnavailableException : Exception
{
    public DatabaseUnavailableException(string message, Exception? inner = null) : base(message, inner) { }
}
