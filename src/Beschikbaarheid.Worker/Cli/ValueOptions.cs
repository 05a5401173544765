using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Beschikbaarheid.Worker.Cli;

/// <summary>
/// Options several verbs take with the same parsing and the same message on a bad value: the option and the value as
/// typed, and what was expected (never a .NET type name). A bad value is wrong usage: exit 2.
/// </summary>
internal static class ValueOptions
{
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    public static Option<int> FundingYear(string description)
    {
        var year = new Option<int>("--year")
        {
            Description = description,
            Required = true,
            HelpName = "YYYY",
            CustomParser = result => ParseYear(result) ?? 0,
        };
        return year;
    }

    public static Option<Core.Periods.YearMonth> Month(string description) => new("--period")
    {
        Description = description,
        Required = true,
        HelpName = "yyyy-MM",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (Core.Periods.YearMonth.TryParse(text, out var value))
            {
                return value;
            }
            result.AddError($"--period '{text}' is not a month in the form yyyy-MM.");
            return default;
        },
    };

    /// <summary>Compute what a run would issue and write it as concept documents; store nothing.</summary>
    public static Option<bool> DryRun(string folder) => new("--dry-run")
    {
        Description = $"Compute exactly what a run would issue now and write it as CONCEPT documents without invoice numbers to {folder}; store nothing and use no number. No e-invoices, SEPA file or journal.",
    };

    /// <summary>An optional <c>--year</c> (a filter): the same check as <see cref="FundingYear"/>.</summary>
    public static Option<int?> OptionalYear(string description) => new("--year")
    {
        Description = description,
        HelpName = "YYYY",
        CustomParser = ParseYear,
    };

    /// <summary>A whole number of at least <paramref name="minimum"/>, e.g. <c>--last N</c>.</summary>
    public static Option<int?> Count(string name, string description, int minimum = 1) => new(name)
    {
        Description = description,
        HelpName = "N",
        CustomParser = result => ParseWhole(result, name, minimum),
    };

    /// <summary>A whole number of at least <paramref name="minimum"/> with a default.</summary>
    public static Option<int> Count(string name, string description, int minimum, int defaultValue) => new(name)
    {
        Description = description,
        HelpName = "N",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => ParseWhole(result, name, minimum) ?? defaultValue,
    };

    public static Option<DateOnly?> InvoiceDate() => new("--invoice-date")
    {
        Description = "Date printed on the invoices, yyyy-MM-dd, not before the last day of the month (or year) settled (default: today in Europe/Amsterdam).",
        HelpName = "yyyy-MM-dd",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
            {
                return value;
            }
            result.AddError($"--invoice-date '{text}' is not a date in the form yyyy-MM-dd.");
            return null;
        },
    };

    private static int? ParseYear(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (text.Length == 4 && text.All(char.IsAsciiDigit)
            && int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture) is var year and >= FirstYear and <= LastYear)
        {
            return year;
        }
        result.AddError($"--year '{text}' is not a funding year: expected four digits, {FirstYear} to {LastYear}, such as 2027.");
        return null;
    }

    private static int? ParseWhole(ArgumentResult result, string name, int minimum)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (text.Length is > 0 and <= 9 && text.All(char.IsAsciiDigit)
            && int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture) is var value && value >= minimum)
        {
            return value;
        }
        result.AddError($"{name} '{text}' is not a whole number of {minimum} or more.");
        return null;
    }
}
