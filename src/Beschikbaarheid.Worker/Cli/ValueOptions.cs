using System.CommandLine;
using System.Globalization;

namespace Beschikbaarheid.Worker.Cli;

/// <summary>Options several verbs take with the same parsing and the same message on a bad value.</summary>
internal static class ValueOptions
{
    public static Option<int> FundingYear(string description)
    {
        var year = new Option<int>("--year") { Description = description, Required = true, HelpName = "YYYY" };
        year.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 2000 or > 2100)
            {
                result.AddError("--year must be a funding year such as 2027.");
            }
        });
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
}
