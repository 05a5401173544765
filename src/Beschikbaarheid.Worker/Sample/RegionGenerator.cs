using System.Globalization;
using System.Text;

namespace Beschikbaarheid.Worker.Sample;

/// <summary>
/// Writes a region's four input files from a fixed seed, so the demo region and the benchmark region are
/// the same on every machine. Clients are pseudonyms drawn from the seed; there is no real child here.
/// </summary>
public static class RegionGenerator
{
    private const string StMaarten = "30AB00";

    /// <summary>The demo scheme's participants: Rijk van Nijmegen and Land van Cuijk.</summary>
    private static readonly (string Code, int Weight)[] Participants =
    [
        ("GM0268", 40), ("GM1945", 8), ("GM0209", 7), ("GM0225", 5), ("GM0252", 5), ("GM0944", 3), ("GM0296", 10), ("GM1982", 10),
    ];

    /// <summary>Nearby municipalities outside the scheme; about 22% of the pupils live there.</summary>
    private static readonly (string Code, int Weight)[] Neighbours =
    [
        ("GM1734", 6), ("GM1705", 4), ("GM0668", 4), ("GM0907", 3), ("GM0202", 3), ("GM0263", 2),
    ];

    private static readonly (string Id, string Name, string Sector)[] DemoSchools =
    [
        (StMaarten, "St. Maartenschool", "SO"),
        ("30AB01", "St. Maartenschool VSO", "VSO"),
        ("31CD00", "De Meander", "SBO"),
    ];

    /// <summary>
    /// The demo region: St. Maartenschool with about 200 pupils, about half under 12 hours a week, about
    /// 22% living outside the participating municipalities, and some under the WLZ.
    /// </summary>
    /// <remarks>The real municipality list, gemeenten.csv, is kept in the folder as it is; the other three files are written.</remarks>
    public static void WriteDemo(string folder)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(2019);

        Write(Path.Combine(folder, "scholen.csv"), "brin;vestiging;naam;bestuursnummer;bestuursnaam;gemeentecode;sector",
            DemoSchools.Select(s => $"{s.Id[..4]};{s.Id[4..]};{s.Name};41234;Stichting Speciaal Onderwijs Nijmegen;GM0268;{s.Sector}"));

        var children = Enumerable.Range(1, 200).Select(i => (Index: i, Residence: random.Next(100) < 22 ? Pick(random, Neighbours) : Pick(random, Participants))).ToList();
        Write(Path.Combine(folder, "leerlingen.csv"), "peildatum;brin;vestiging;woongemeente;aantal",
            children.GroupBy(c => c.Residence).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => $"2025-10-01;30AB;00;{g.Key};{(g.Count() < 5 ? "<5" : g.Count().ToString(CultureInfo.InvariantCulture))}"));

        var rows = new List<string>();
        foreach (var (index, residence) in children)
        {
            var law = random.Next(100) < 8 ? "WLZ" : "JW";
            var hours = random.Next(100) < 50 ? Pick(random, [2m, 4m, 5.5m, 6m, 8m, 10m, 11.5m]) : Pick(random, [12m, 14m, 16m, 20m, 24m]);
            var start = new DateOnly(2024, 8, 1).AddDays(random.Next(0, 760));
            DateOnly? end = random.Next(100) switch
            {
                < 55 => null,
                < 85 => new DateOnly(2028, 7, 31),
                _ => start.AddDays(random.Next(120, 540)),
            };
            rows.Add(Beschikking($"BS-{index:00000}", Pseudonym(random), residence, StMaarten, "Stichting Jeugdhulp Rijk", law, hours, start, end));
        }
        for (var i = 1; i <= 12; i++)
        {
            rows.Add(Beschikking($"BS-9{i:0000}", Pseudonym(random), Pick(random, Participants), "31CD00", "Zorgaanbieder Waal", "JW", 6m, new DateOnly(2025, 9, 1), null));
        }
        Write(Path.Combine(folder, "beschikkingen.csv"), BeschikkingHeader, rows);
    }

    /// <summary>
    /// A synthetic region for the benchmark: the given municipalities, <paramref name="schools"/> school
    /// locations and <paramref name="beschikkingen"/> beschikkingen spread over them.
    /// </summary>
    public static void WriteSynthetic(IReadOnlyList<string> municipalityCodes, int schools, int beschikkingen, string folder)
    {
        ArgumentNullException.ThrowIfNull(municipalityCodes);
        Directory.CreateDirectory(folder);
        var random = new Random(340);
        Write(Path.Combine(folder, "gemeenten.csv"), "gemeentecode;naam",
            municipalityCodes.Select(c => $"{c};Gemeente {c}"));
        var schoolIds = Enumerable.Range(0, schools).Select(SchoolId).ToList();
        Write(Path.Combine(folder, "scholen.csv"), "brin;vestiging;naam;bestuursnummer;bestuursnaam;gemeentecode;sector",
            schoolIds.Select((s, i) => $"{s[..4]};{s[4..]};School {s};{10000 + i / 10};Bestuur {i / 10};{municipalityCodes[i % municipalityCodes.Count]};SO"));
        Write(Path.Combine(folder, "leerlingen.csv"), "peildatum;brin;vestiging;woongemeente;aantal",
            schoolIds.SelectMany((s, i) => Enumerable.Range(0, 3).Select(k =>
                $"2025-10-01;{s[..4]};{s[4..]};{municipalityCodes[(i + k * 7) % municipalityCodes.Count]};{random.Next(1, 60)}")));
        Write(Path.Combine(folder, "beschikkingen.csv"), BeschikkingHeader,
            Enumerable.Range(1, beschikkingen).Select(i => Beschikking(
                $"B{i:0000000}", Pseudonym(random), municipalityCodes[random.Next(municipalityCodes.Count)], schoolIds[random.Next(schools)],
                "Aanbieder", random.Next(100) < 5 ? "WLZ" : "JW", random.Next(1, 25), new DateOnly(2024, 1, 1).AddDays(random.Next(0, 900)),
                random.Next(100) < 50 ? null : new DateOnly(2027, 7, 31))));
    }

    /// <summary>Location ids 00AA00, 00AA01, ...: two digits, two letters, two digits.</summary>
    public static string SchoolId(int i) =>
        string.Create(CultureInfo.InvariantCulture, $"{i / 676 % 100:00}{(char)('A' + i / 26 % 26)}{(char)('A' + i % 26)}{i / 67600:00}");

    private const string BeschikkingHeader = "beschikkingnummer;client;woongemeente;brin;vestiging;aanbieder;categorie;wet;uren_per_week;ingangsdatum;einddatum";

    private static string Beschikking(string number, string client, string residence, string school, string provider, string law, decimal hours, DateOnly start, DateOnly? end) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{number};{client};{residence};{school[..4]};{school[4..]};{provider};JZ;{law};{hours};{start:yyyy-MM-dd};{end:yyyy-MM-dd}");

    private static string Pseudonym(Random random) => "cl-" + random.Next(0x1000000, int.MaxValue).ToString("x8", CultureInfo.InvariantCulture);

    private static T Pick<T>(Random random, IReadOnlyList<T> values) => values[random.Next(values.Count)];

    private static string Pick(Random random, (string Code, int Weight)[] weighted)
    {
        var roll = random.Next(weighted.Sum(w => w.Weight));
        foreach (var (code, weight) in weighted)
        {
            if ((roll -= weight) < 0)
            {
                return code;
            }
        }
        return weighted[^1].Code;
    }

    private static void Write(string path, string header, IEnumerable<string> rows)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false)) { NewLine = "\n" };
        writer.WriteLine(header);
        foreach (var row in rows)
        {
            writer.WriteLine(row);
        }
    }
}
