using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Settlement;

namespace Beschikbaarheid.Core.Tests.Settlement;

public sealed class MonthlyRunPolicyTests
{
    private const string Scheme = "nijmegen";

    /// <summary>A year whose latest run settled its last settled month, as when months are settled in order.</summary>
    private static SettledYearState State(int year, IReadOnlyList<YearMonth> months, string fingerprint, int finalizations, bool closed) =>
        new(year, months, fingerprint, months.Max(), finalizations, closed);

    private static IReadOnlyList<YearMonth> Months(int year, int from, int through) =>
        Enumerable.Range(from, through - from + 1).Select(m => new YearMonth(year, m)).ToList();

    [Fact]
    public void EverySettledMonthBeforeThePeriod_IsCorrected_WhenTheInputsChanged()
    {
        // August and September settled under fingerprint "old"; October is settled with inputs now "new".
        var run = MonthlyRunPolicy.Plan(Scheme, new YearMonth(2026, 10), "new", [State(2026, Months(2026, 8, 9), "old", 0, false)]);
        Assert.Null(run.Refusal);
        var correct = Assert.IsType<CorrectMonths>(Assert.Single(run.Reviews));
        Assert.Equal([new YearMonth(2026, 8), new YearMonth(2026, 9)], correct.Months);
    }

    [Fact]
    public void ThePeriodsYear_IsSkipped_WhenItsInputsHaveTheLatestRunsFingerprint()
    {
        var run = MonthlyRunPolicy.Plan(Scheme, new YearMonth(2026, 10), "same", [State(2026, Months(2026, 8, 9), "same", 0, false)]);
        Assert.Empty(run.Reviews);
    }

    [Fact]
    public void AYearWhoseLatestRunSettledAnEarlierMonth_IsComputedAgain_EvenWithTheSameFingerprint()
    {
        // October settled, then a late child imported, then August settled late with those inputs: August's run corrected
        // only the months before August, so October still lacks the child although the fingerprint is August's.
        var year = new SettledYearState(2026, [new YearMonth(2026, 8), new YearMonth(2026, 10)], "late", new YearMonth(2026, 8), 0, false);
        var run = MonthlyRunPolicy.Plan(Scheme, new YearMonth(2026, 11), "late", [year]);
        Assert.Equal([new YearMonth(2026, 8), new YearMonth(2026, 10)], Assert.IsType<CorrectMonths>(Assert.Single(run.Reviews)).Months);
    }

    [Fact]
    public void MonthsAfterThePeriod_AreNotCorrected()
    {
        // Settling August late, after September and October: only July is earlier.
        var run = MonthlyRunPolicy.Plan(Scheme, new YearMonth(2026, 8), "new", [State(2026, [new YearMonth(2026, 7), new YearMonth(2026, 9), new YearMonth(2026, 10)], "old", 0, false)]);
        Assert.Equal([new YearMonth(2026, 7)], Assert.IsType<CorrectMonths>(Assert.Single(run.Reviews)).Months);
    }

    [Fact]
    public void AMonthOfAClosedYear_IsRefused()
    {
        var run = MonthlyRunPolicy.Plan(Scheme, new YearMonth(2026, 12), "new", [State(2026, Months(2026, 1, 11), "old", 1, true)]);
        Assert.Equal("Scheme nijmegen: 2026 is closed by its year end; reopen it first. Nothing issued.", run.Refusal);
        Assert.Empty(run.Reviews);
    }

    [Fact]
    public void AYearWithAYearEnd_IsReportedNotCorrected_ForTheYearJustEndedOnly()
    {
        // January 2027: 2026 just ended and has its year end; 2025 has one too but is settled history.
        var run = MonthlyRunPolicy.Plan(Scheme, new YearMonth(2027, 1), "new",
        [
            State(2025, Months(2025, 1, 12), "a", 1, true),
            State(2026, Months(2026, 1, 12), "b", 1, true),
        ]);
        Assert.Equal(new ReportLateData(2026, Closed: true), Assert.Single(run.Reviews));
    }

    [Fact]
    public void AnEarlierYearWithoutYearEnd_IsCorrectedMonthByMonth()
    {
        // 2026 never had a year end: its months are corrected from a run in 2027, next to nothing of 2027 yet.
        var run = MonthlyRunPolicy.Plan(Scheme, new YearMonth(2027, 1), "new", [State(2026, Months(2026, 1, 12), "b", 0, false)]);
        Assert.Equal(Months(2026, 1, 12), Assert.IsType<CorrectMonths>(Assert.Single(run.Reviews)).Months);
    }

    [Fact]
    public void TheLateDataNote_NamesEachMunicipalityAndWhatToDo()
    {
        var outstanding = new Dictionary<PartyCode, Money> { [MunicipalityCode.Parse("GM1945")] = new(-200), [MunicipalityCode.Parse("GM0209")] = new(116_781) };
        Assert.Equal(
            "nijmegen 2026: data changed after the year end (GM0209 € 1167.81, GM1945 € -2.00); the year is closed, so this is reported and not invoiced (reopen --scheme nijmegen --year 2026 --reason TEXT, then finalize).",
            MonthlyRunPolicy.LateDataNote(Scheme, new ReportLateData(2026, Closed: true), outstanding));
        Assert.Null(MonthlyRunPolicy.LateDataNote(Scheme, new ReportLateData(2026, Closed: false), new Dictionary<PartyCode, Money>()));
    }
}
