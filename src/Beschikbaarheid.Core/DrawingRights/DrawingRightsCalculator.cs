using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;

namespace Beschikbaarheid.Core.DrawingRights;

/// <summary>
/// Computes every scheme location's drawing right per care category for a funding year (DOMAIN
/// "Trekkingsrecht", steps 1–8; step 9, board transfers, is <see cref="BoardTransfers"/>). Pure and in one
/// pass over the beschikkingen.
/// </summary>
public static class DrawingRightsCalculator
{
    private const decimal Hundredth = 0.01m;

    /// <param name="beschikkingen">At least those active in the reference window at the scheme's schools.</param>
    /// <param name="pupilCounts">At least the counts of the two Peildata of step 4.</param>
    public static IReadOnlyList<DrawingRight> Calculate(Scheme scheme, int fundingYear, IEnumerable<Beschikking> beschikkingen, IEnumerable<PupilCount> pupilCounts)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(beschikkingen);
        var terms = scheme.TermsFor(fundingYear);
        var pool = terms.Pool as DrawingRightsPool
            ?? throw new ArgumentException($"Scheme {scheme.Id} has no drawing-rights pool.", nameof(scheme));
        var window = ReferenceWindow.For(fundingYear, pool.ReferenceYears);

        // Step 2, summed as hours × days; divided by the window's days only at the end, so no fraction is rounded early.
        var hourDays = new Dictionary<(SchoolLocationId, string), decimal>();
        foreach (var beschikking in beschikkingen)
        {
            if (beschikking.Law != Law.JW || !terms.Schools.Contains(beschikking.School) || CareCategoryOf(pool, beschikking.Category) is not { } category)
            {
                continue;
            }
            var days = beschikking.Active.DaysWithin(window.From, window.Through);
            if (days > 0)
            {
                var key = (beschikking.School, category);
                hourDays[key] = hourDays.GetValueOrDefault(key) + beschikking.HoursPerWeek * days;
            }
        }

        var pupils = PupilTotals.PerLocation(pupilCounts, pool.MaskedCountValue);
        var now = scheme.CountingDate.ForFundingYear(fundingYear);
        var then = scheme.CountingDate.InSchoolYearStarting(window.From.Year);
        var uplift = fundingYear >= scheme.StartYear && fundingYear < scheme.StartYear + pool.UpliftYears ? 1 + pool.UpliftPct : 1m;

        var entries = new List<Entry>();
        foreach (var school in terms.Schools.Order())
        {
            var pupilsNow = pupils.TryGetValue((school, now), out var n) ? n : (PupilTotal?)null;
            var pupilsThen = pupils.TryGetValue((school, then), out var t) ? t : (PupilTotal?)null;
            var growth = pupilsNow is { Pupils: > 0 } grownTo && pupilsThen is { Pupils: > 0 } grownFrom ? grownTo.Pupils / grownFrom.Pupils : 1m;
            var fixedHere = pool.FixedFte.GetValueOrDefault(school);
            foreach (var category in pool.Categories.Keys.Order(StringComparer.Ordinal))
            {
                var sum = hourDays.GetValueOrDefault((school, category));
                var hours = sum / window.Days;
                var baseFte = sum / (window.Days * pool.DirectHoursPerFte);
                var isFixed = fixedHere is not null && fixedHere.ContainsKey(category);
                // Steps 3–5 as one quotient: hours×days × now × uplift / (days × direct hours × then).
                var exact = isFixed
                    ? fixedHere![category]
                    : growth == 1m
                        ? sum * uplift / (window.Days * pool.DirectHoursPerFte)
                        : sum * pupilsNow!.Value.Pupils * uplift / (window.Days * pool.DirectHoursPerFte * pupilsThen!.Value.Pupils);
                entries.Add(new Entry(school, category, pool.Categories[category].CostPerFte, exact)
                {
                    Hours = hours,
                    BaseFte = baseFte,
                    PupilsNow = pupilsNow?.Pupils,
                    PupilsThen = pupilsThen?.Pupils,
                    Estimated = !isFixed && (pupilsNow?.Estimated == true || pupilsThen?.Estimated == true),
                    Growth = isFixed ? 1m : growth,
                    Uplift = isFixed ? 1m : uplift,
                    Fixed = isFixed,
                });
            }
        }

        var capFactor = ApplyCap(entries, pool.Cap);
        return entries.Select(e => new DrawingRight(
                e.School, e.Category, e.Hours, e.BaseFte, e.PupilsNow, e.PupilsThen, e.Estimated, e.Growth, e.Uplift, e.Fixed,
                capFactor, e.Rounded, Budget(e.Rounded, e.CostPerFte)))
            .ToList();
    }

    /// <summary>A beschikking's care category: its own when the scheme knows it, else the scheme's mapping of its iJw product category.</summary>
    public static string? CareCategoryOf(DrawingRightsPool pool, string category)
    {
        ArgumentNullException.ThrowIfNull(pool);
        return pool.Categories.ContainsKey(category) ? category : pool.ProductCategories.GetValueOrDefault(category);
    }

    /// <summary>A location's annual budget: the sum of its categories' budgets. The cost unit the keys split.</summary>
    public static IReadOnlyDictionary<SchoolLocationId, Money> BudgetPerLocation(IEnumerable<DrawingRight> rights) =>
        rights.GroupBy(r => r.School).ToDictionary(g => g.Key, g => Money.Sum(g.Select(r => r.Budget)));

    /// <summary>Step 7: rounded FTE × cost per FTE, rounded half away from zero to the cent.</summary>
    public static Money Budget(decimal fte, Money costPerFte) => Money.RoundHalfAwayFromZero(fte * costPerFte.Cents);

    /// <summary>
    /// Steps 7 and 8. Every FTE is rounded to two decimals half away from zero. When the budgets so rounded
    /// exceed the cap, every exact FTE scales by cap / exact total first; and should rounding up still
    /// carry the total over the cap, the FTE rounded up the most gives back 0.01 (on a tie the highest
    /// location and category, mirroring the split rule), until the total is within the cap.
    /// </summary>
    /// <returns>The scale factor applied: 1 when the cap did not bind.</returns>
    private static decimal ApplyCap(List<Entry> entries, Money? cap)
    {
        foreach (var entry in entries)
        {
            entry.Scaled = entry.Exact;
            entry.Rounded = Round(entry.Exact);
        }
        if (cap is not { } limit || Total(entries) <= limit)
        {
            return 1m;
        }
        var exactTotal = entries.Sum(e => e.Exact * e.CostPerFte.Cents);
        var factor = exactTotal > limit.Cents ? limit.Cents / exactTotal : 1m;
        foreach (var entry in entries)
        {
            entry.Scaled = entry.Exact * factor;
            entry.Rounded = Round(entry.Scaled);
        }
        // Rounded up the most gives back first. One round normally suffices: after giving, an FTE is no longer
        // above its scaled figure, and the scaled figures together fit the cap.
        var total = Total(entries);
        var givers = entries
            .OrderByDescending(e => e.Rounded - e.Scaled)
            .ThenByDescending(e => e.School)
            .ThenByDescending(e => e.Category, StringComparer.Ordinal)
            .ToList();
        for (var i = 0; total > limit; i = (i + 1) % givers.Count)
        {
            var giver = givers[i];
            if (giver.Rounded >= Hundredth)
            {
                total -= Budget(giver.Rounded, giver.CostPerFte) - Budget(giver.Rounded - Hundredth, giver.CostPerFte);
                giver.Rounded -= Hundredth;
            }
        }
        return factor;
    }

    private static Money Total(List<Entry> entries) => Money.Sum(entries.Select(e => Budget(e.Rounded, e.CostPerFte)));

    private static decimal Round(decimal fte) => Math.Round(fte, 2, MidpointRounding.AwayFromZero);

    private sealed record Entry(SchoolLocationId School, string Category, Money CostPerFte, decimal Exact)
    {
        public decimal Hours { get; init; }
        public decimal BaseFte { get; init; }
        public decimal? PupilsNow { get; init; }
        public decimal? PupilsThen { get; init; }
        public bool Estimated { get; init; }
        public decimal Growth { get; init; }
        public decimal Uplift { get; init; }
        public bool Fixed { get; init; }
        public decimal Scaled { get; set; }
        public decimal Rounded { get; set; }
    }
}
