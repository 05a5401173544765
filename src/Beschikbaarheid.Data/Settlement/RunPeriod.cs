using System.Globalization;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Settlement;

namespace Beschikbaarheid.Data.Settlement;

/// <summary>
/// The period a run is stored under, part of its unique key: <c>yyyy-MM</c> for a month's advances,
/// <c>yyyy</c> for a year end, and <c>yyyy-rN</c> for the N-th year end of a reopened year. Seven characters
/// at most, so it fits the column on every provider.
/// </summary>
internal static class RunPeriod
{
    public static string Text(SettlementPlan plan) => plan.Kind == SettlementKind.Voorschot
        ? plan.Period.ToString()
        : plan.Revision == 1
            ? plan.Period.Year.ToString("0000", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{plan.Period.Year:0000}-r{plan.Revision}");

    /// <returns>The month (December for a year end) and the year end's revision.</returns>
    public static (YearMonth Period, int Revision) Parse(string stored)
    {
        var text = stored.Trim();
        if (YearMonth.TryParse(text, out var month))
        {
            return (month, 1);
        }
        var year = int.Parse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture);
        var revision = text.Length > 6 && text[4..6] == "-r" ? int.Parse(text.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture) : 1;
        return (new YearMonth(year, 12), revision);
    }
}
