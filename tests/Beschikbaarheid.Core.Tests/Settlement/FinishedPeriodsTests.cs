using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Settlement;

namespace Beschikbaarheid.Core.Tests.Settlement;

public class FinishedPeriodsTests
{
    [Theory]
    // November 2026 ends on 30 November 2026 (30 days): an invoice dated on its last day or later may settle it.
    [InlineData("2026-11", "2026-11-29", false)]
    [InlineData("2026-11", "2026-11-30", true)]
    [InlineData("2026-11", "2026-12-01", true)]
    // February 2028 is a leap February: it ends on the 29th, so the 28th is too early.
    [InlineData("2028-02", "2028-02-28", false)]
    [InlineData("2028-02", "2028-02-29", true)]
    // February 2027 ends on the 28th.
    [InlineData("2027-02", "2027-02-28", true)]
    // December 2026 ends on 31 December 2026; a date in the year before any of it is far too early.
    [InlineData("2026-12", "2026-12-30", false)]
    [InlineData("2026-12", "2026-12-31", true)]
    [InlineData("2031-03", "2026-12-02", false)]
    public void AMonth_HasEndedOnItsLastDay(string month, string date, bool ended) =>
        Assert.Equal(ended, FinishedPeriods.HasEnded(YearMonth.Parse(month), DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    // 2026 ends on 31 December 2026.
    [InlineData(2026, "2026-12-30", false)]
    [InlineData(2026, "2026-12-31", true)]
    [InlineData(2026, "2027-01-15", true)]
    [InlineData(2027, "2026-12-31", false)]
    public void AYear_HasEndedOnThirtyFirstDecember(int year, string date, bool ended) =>
        Assert.Equal(ended, FinishedPeriods.HasEnded(year, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void MonthRefusal_ByToday_NamesTheMonthToday_AndItsLastDay()
    {
        // Today 2 December 2026; March 2031 ends on 31 March 2031.
        var refusal = FinishedPeriods.MonthRefusal("nijmegen-st-maarten", new YearMonth(2031, 3), new DateOnly(2026, 12, 2), invoiceDateGiven: false);
        Assert.Equal(
            "Scheme nijmegen-st-maarten: 2031-03 has not ended by today, 2026-12-02; it can be settled from 2031-03-31, its last day. Nothing issued.", refusal);
        // The current month on its second day: December 2026 ends on the 31st.
        Assert.Contains("2026-12 has not ended by today, 2026-12-02", FinishedPeriods.MonthRefusal("s", new YearMonth(2026, 12), new DateOnly(2026, 12, 2), false), StringComparison.Ordinal);
    }

    [Fact]
    public void MonthRefusal_ByAGivenInvoiceDate_NamesTheDate_AndTheMonthsLastDay()
    {
        // --invoice-date 2026-10-30 for October 2026, which ends on the 31st.
        var refusal = FinishedPeriods.MonthRefusal("s", new YearMonth(2026, 10), new DateOnly(2026, 10, 30), invoiceDateGiven: true);
        Assert.Equal("Scheme s: the invoice date 2026-10-30 is before the last day of 2026-10 (2026-10-31); a month is invoiced only once it has ended. Nothing issued.", refusal);
        // On the last day and after: no refusal.
        Assert.Null(FinishedPeriods.MonthRefusal("s", new YearMonth(2026, 10), new DateOnly(2026, 10, 31), invoiceDateGiven: true));
        Assert.Null(FinishedPeriods.MonthRefusal("s", new YearMonth(2026, 10), new DateOnly(2026, 11, 1), invoiceDateGiven: false));
    }

    [Fact]
    public void YearRefusal_NamesTheYear_TheDate_AndThirtyFirstDecember()
    {
        Assert.Equal(
            "Scheme s: 2026 has not ended by today, 2026-12-02; its year end can be issued from 2026-12-31, its last day. Nothing issued.",
            FinishedPeriods.YearRefusal("s", 2026, new DateOnly(2026, 12, 2), invoiceDateGiven: false));
        Assert.Equal(
            "Scheme s: the invoice date 2026-12-30 is before the last day of 2026 (2026-12-31); a year end is issued only once the year has ended. Nothing issued.",
            FinishedPeriods.YearRefusal("s", 2026, new DateOnly(2026, 12, 30), invoiceDateGiven: true));
        Assert.Null(FinishedPeriods.YearRefusal("s", 2026, new DateOnly(2026, 12, 31), invoiceDateGiven: true));
    }

    [Theory]
    // The month before today's: on 1 December 2026 November; on 31 December 2026 (December's last day) still November,
    // since the schedule settles a month only after it; on 1 January 2027 December 2026.
    [InlineData("2026-12-01", "2026-11")]
    [InlineData("2026-12-31", "2026-11")]
    [InlineData("2027-01-01", "2026-12")]
    public void LatestComplete_IsTheMonthBeforeTodays(string today, string month) =>
        Assert.Equal(YearMonth.Parse(month), FinishedPeriods.LatestComplete(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void TheSchedule_NeverChoosesAMonthThatHasNotEnded()
    {
        // Every day from 1 January 2026 to 31 December 2028, none settled, the widest window: every month the catch-up
        // chooses (up to the latest complete month) has ended by that day, so none is refused by the rule.
        for (var today = new DateOnly(2026, 1, 1); today <= new DateOnly(2028, 12, 31); today = today.AddDays(1))
        {
            var months = CatchUp.MonthsToSettle(FinishedPeriods.LatestComplete(today), 2019, 120, [], []);
            Assert.NotEmpty(months);
            Assert.All(months, m => Assert.True(FinishedPeriods.HasEnded(m, today), $"{m} on {today}"));
            Assert.DoesNotContain(YearMonth.Of(today), months);
        }
    }
}
