using System.Diagnostics;
using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.DrawingRights;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Worker.Sample;

namespace Beschikbaarheid.Worker.Cli.Verbs;

/// <summary>Drawing rights of a synthetic region computed in memory: the pure calculation alone, timed.</summary>
internal static class DrawingRightsBench
{
    public static void Run(int locations, int beschikkingen)
    {
        var random = new Random(9000);
        var schools = Enumerable.Range(0, locations).Select(i => SchoolLocationId.TryParse(RegionGenerator.SchoolId(i), out var id) ? id : default).ToArray();
        var municipalities = Enumerable.Range(1, 40).Select(i => MunicipalityCode.Parse($"GM{i:0000}")).ToArray();
        var pool = new DrawingRightsPool(1, 28m, 0.10m, 2,
            new Dictionary<string, CareCategory> { ["JZ"] = new("JZ", Money.FromEuros(80_000m)), ["GGZ"] = new("GGZ", Money.FromEuros(95_000m)) },
            new Dictionary<string, string> { ["45"] = "JZ", ["54"] = "GGZ" },
            Money.FromEuros(250_000_000m), new Dictionary<SchoolLocationId, IReadOnlyDictionary<string, decimal>>(), 2m);
        var scheme = new Scheme("bench", "Benchmark", 2026, new SchemeTerms(
            schools.ToHashSet(), municipalities.ToHashSet(), pool, new PupilsKey(2m), new LeadFlow(municipalities[0]), new InvoiceTerms("NL", 30, "")));
        string[] categories = ["JZ", "GGZ", "45", "54"];
        var input = Enumerable.Range(0, beschikkingen).Select(i => new Beschikking(
                $"B{i}", $"cl-{i}", municipalities[random.Next(municipalities.Length)], schools[random.Next(schools.Length)], "A",
                categories[random.Next(categories.Length)], random.Next(20) == 0 ? Law.WLZ : Law.JW, random.Next(1, 25),
                new ActivePeriod(new DateOnly(2023, 1, 1).AddDays(random.Next(0, 1000)), random.Next(2) == 0 ? null : new DateOnly(2026, 7, 31))))
            .ToList();
        var pupils = schools.SelectMany(s => new[]
        {
            new PupilCount(new DateOnly(2025, 10, 1), s, municipalities[0], random.Next(20, 200)),
            new PupilCount(new DateOnly(2024, 10, 1), s, municipalities[0], random.Next(20, 200)),
            new PupilCount(new DateOnly(2025, 10, 1), s, municipalities[1], null),
        }).ToList();
        Console.WriteLine($"input                   {locations} locations, {beschikkingen} beschikkingen, {pupils.Count} pupil counts");

        foreach (var run in new[] { "first call", "warm" })
        {
            var watch = Stopwatch.StartNew();
            var rights = DrawingRightsCalculator.Calculate(scheme, 2026, input, pupils);
            Console.WriteLine($"drawing rights, {run,-10}{watch.Elapsed.TotalSeconds,8:0.000} s  {rights.Count} rights, {rights.Sum(r => r.Fte):0.00} FTE, budget {Money.Sum(rights.Select(r => r.Budget))}");
        }
        Console.WriteLine($"peak working set        {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0,8:0.0} MB");
    }
}
