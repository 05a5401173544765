using System.CommandLine;

namespace Beschikbaarheid.Worker.Cli;

/// <summary>
/// The options that map onto configuration keys (<c>--db</c> → Database:File, ...). A value given on the
/// command line wins over environment variables, which win over appsettings.json.
/// </summary>
internal sealed class CommonOptions
{
    public Option<string?> Database { get; } = new("--db") { Description = "The SQLite database file (default data/beschikbaarheid.db).", HelpName = "FILE" };
    public Option<string?> Provider { get; } = new("--provider") { Description = "sqlite (default), sqlserver or postgresql; the server's connection string comes from ConnectionStrings:Beschikbaarheid.", HelpName = "NAME" };
    public Option<string?> Schemes { get; } = new("--schemes") { Description = "Folder of scheme files <id>.json (default config/schemes).", HelpName = "DIR" };
    public Option<string?> Output { get; } = new("--out") { Description = "Folder for workbooks and journals (default ./out).", HelpName = "DIR" };

    public Dictionary<string, string?> Overrides(ParseResult parse)
    {
        var overrides = new Dictionary<string, string?>();
        Add(parse, Database, "Database:File", overrides);
        Add(parse, Provider, "Database:Provider", overrides);
        Add(parse, Schemes, "Paths:Schemes", overrides);
        Add(parse, Output, "Paths:Output", overrides);
        return overrides;
    }

    public static void Add(ParseResult parse, Option<string?> option, string key, Dictionary<string, string?> overrides)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(overrides);
        if (parse.GetValue(option) is { } value)
        {
            overrides[key] = value;
        }
    }
}
