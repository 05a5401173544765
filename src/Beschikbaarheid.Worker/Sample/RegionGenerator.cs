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

    /// <summary>
    /// The last month the demo region can be settled for with the demo schemes: December 2028. Its pupils are
    /// counted up to 1 October 2027, which keys funding year 2028 (the count of year Y-1 keys year Y), and the
    /// Groningen-like scheme's budget runs to 2028; from 2029 on the drawing rights, pupils keys and budget lack their data.
    /// </summary>
    public static readonly Core.Periods.YearMonth DemoLastMonth = new(2028, 12);

    /// <summary>
    /// The month the demo settles: the latest complete month when the demo region covers it, else the region's last
    /// month (<see cref="DemoLastMonth"/>), so the demo works whatever the date; with the reason, as the demo prints it.
    /// </summary>
    public static (Core.Periods.YearMonth Month, string Reason) DemoMonth(Core.Periods.YearMonth latestComplete) =>
        latestComplete <= DemoLastMonth
            ? (latestComplete, $"Demo month {latestComplete}: the latest complete month.")
            : (DemoLastMonth, $"Demo month {DemoLastMonth}: the demo region's data ends with {DemoLastMonth}, so the demo settles that month instead of the latest complete month, {latestComplete}.");

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
    /// <remarks>The real municipality list, gemeenten.csv (with synthetic master data: Postbus addresses, OINs, BNG-style IBANs, .example e-mail addresses), is kept in the folder as it is; the other three files are written.</remarks>
    public static void WriteDemo(string folder)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(2019);

        var schools = DemoSchools.Select(s => $"{s.Id[..4]};{s.Id[4..]};{s.Name};41234;Stichting Speciaal Onderwijs Nijmegen;GM0268;{s.Sector}").ToList();

        var children = Enumerable.Range(1, 200).Select(i => (Index: i, Residence: random.Next(100) < 22 ? Pick(random, Neighbours) : Pick(random, Participants))).ToList();
        var pupils = children.GroupBy(c => c.Residence).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"2025-10-01;30AB;00;{g.Key};{Count(g.Count())}").ToList();

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

        AddAmsterdam(new Random(2026), schools, pupils, rows);
        AddUtrecht(new Random(2025), schools, pupils);
        AddWaadhoeke(new Random(1949), schools, pupils, rows);
        AddGroningen(new Random(2021), schools, pupils);
        AddIJmond(schools, pupils);
        AddTilburg(folder, schools);

        Write(Path.Combine(folder, "scholen.csv"), "brin;vestiging;naam;bestuursnummer;bestuursnaam;gemeentecode;sector", schools);
        Write(Path.Combine(folder, "leerlingen.csv"), "peildatum;brin;vestiging;woongemeente;aantal", pupils);
        Write(Path.Combine(folder, "beschikkingen.csv"), BeschikkingHeader, rows);
    }

    /// <summary>The Amsterdam-like scheme's 30 special-education locations: 40AA00 … 40AZ00, 41AA00 … 41AD00.</summary>
    public static IReadOnlyList<string> AmsterdamLocations { get; } =
        Enumerable.Range(0, 30).Select(i => string.Create(CultureInfo.InvariantCulture, $"{40 + i / 26}A{(char)('A' + i % 26)}00")).ToList();

    /// <summary>The 40 municipalities around Amsterdam whose residents attend its special education.</summary>
    public static IReadOnlyList<string> AmsterdamRegion { get; } =
    [
        "GM0034", "GM0050", "GM0303", "GM0358", "GM0361", "GM0362", "GM0375", "GM0376", "GM0377", "GM0383",
        "GM0384", "GM0385", "GM0392", "GM0394", "GM0396", "GM0397", "GM0399", "GM0402", "GM0405", "GM0406",
        "GM0415", "GM0417", "GM0431", "GM0437", "GM0439", "GM0450", "GM0451", "GM0453", "GM0473", "GM0479",
        "GM0852", "GM0880", "GM0995", "GM1598", "GM1696", "GM1942", "GM0736", "GM1904", "GM0307", "GM0344",
    ];

    /// <summary>
    /// About 6,000 pupils over 30 locations (five boards), a fifth of them from the 40 regional
    /// municipalities; counted on 1 October 2023–2027, growing a little each year; beschikkingen (JZ and
    /// GGZ) whose weekly hours make roughly one FTE per location, enough for the scheme's cap to bind.
    /// </summary>
    private static void AddAmsterdam(Random random, List<string> schools, List<string> pupils, List<string> beschikkingen)
    {
        for (var i = 0; i < AmsterdamLocations.Count; i++)
        {
            var id = AmsterdamLocations[i];
            var board = 50001 + i % 5;
            schools.Add($"{id[..4]};{id[4..]};Amsterdamse SO/VSO-locatie {i + 1};{board};Stichting Speciaal Onderwijs Amsterdam {board % 10};GM0363;{(i % 3 == 0 ? "VSO" : "SO")}");
            var size = random.Next(150, 251);
            for (var year = 2023; year <= 2027; year++)
            {
                var total = size + (year - 2023) * random.Next(0, 12);
                var regional = total / 5;
                pupils.Add($"{year}-10-01;{id[..4]};{id[4..]};GM0363;{total - regional}");
                foreach (var group in Enumerable.Range(0, regional).Select(_ => AmsterdamRegion[random.Next(AmsterdamRegion.Count)]).GroupBy(c => c).OrderBy(g => g.Key, StringComparer.Ordinal))
                {
                    pupils.Add($"{year}-10-01;{id[..4]};{id[4..]};{group.Key};{Count(group.Count())}");
                }
            }
            for (var b = 0; b < 8; b++)
            {
                var residence = random.Next(5) == 0 ? AmsterdamRegion[random.Next(AmsterdamRegion.Count)] : "GM0363";
                var start = new DateOnly(2023, 1, 1).AddDays(random.Next(0, 1300));
                DateOnly? end = random.Next(2) == 0 ? null : start.AddDays(random.Next(200, 900));
                beschikkingen.Add(Beschikking($"AMS-{i:00}{b}", Pseudonym(random), residence, id, "Jeugdhulp Amsterdam", "JW", random.Next(2, 9), start, end,
                    random.Next(3) == 0 ? "GGZ" : "JZ"));
            }
        }
    }

    /// <summary>The Utrecht-like pair: De Kade in Utrecht and Het Bos in Zeist, with pupils from six municipalities.</summary>
    private static void AddUtrecht(Random random, List<string> schools, List<string> pupils)
    {
        (string Id, string Name, string Board, string Municipality)[] pair = [("50UA00", "De Kade", "60001", "GM0344"), ("51UB00", "Het Bos", "60002", "GM0355")];
        string[] residences = ["GM0344", "GM0355", "GM0310", "GM0312", "GM0321", "GM0356"];
        foreach (var (id, name, board, municipality) in pair)
        {
            schools.Add($"{id[..4]};{id[4..]};{name};{board};Stichting {name};{municipality};SO");
            for (var year = 2023; year <= 2027; year++)
            {
                foreach (var residence in residences)
                {
                    var count = residence == municipality ? random.Next(40, 70) : random.Next(1, 25);
                    pupils.Add($"{year}-10-01;{id[..4]};{id[4..]};{residence};{Count(count)}");
                }
            }
        }
    }

    /// <summary>
    /// The Waadhoeke-like Einstein class (60WA00): 55 pupils on 1 October 2025 against 33 a year before;
    /// six children with 4.2 hours a week each make 25.2 h = 0.90 FTE at 28 h, which the growth (55 / 33)
    /// lifts to 1.50 FTE in 2026. Three children live in Waadhoeke, the host; three are guests.
    /// </summary>
    private static void AddWaadhoeke(Random random, List<string> schools, List<string> pupils, List<string> beschikkingen)
    {
        schools.Add("60WA;00;Einstein-klas;70001;Stichting Onderwijs Waadhoeke;GM1949;SO");
        foreach (var (year, count) in new[] { (2023, 30), (2024, 33), (2025, 55), (2026, 55), (2027, 55) })
        {
            pupils.Add($"{year}-10-01;60WA;00;GM1949;{count - 12}");
            pupils.Add($"{year}-10-01;60WA;00;GM0072;5");
            pupils.Add($"{year}-10-01;60WA;00;GM0080;5");
            pupils.Add($"{year}-10-01;60WA;00;GM1970;2");
        }
        string[] residences = ["GM1949", "GM1949", "GM1949", "GM0072", "GM0080", "GM1970"];
        for (var i = 0; i < residences.Length; i++)
        {
            beschikkingen.Add(Beschikking($"WAA-{i + 1:00}", Pseudonym(random), residences[i], "60WA00", "Jeugdhulp Friesland", "JW", 4.2m, new DateOnly(2024, 1, 1), null));
        }
    }

    /// <summary>The Groningen-like scheme's participants today: the ten municipalities of the province (Eemsdelta since 2021).</summary>
    private static readonly (string Code, int Weight)[] GroningenProvince =
    [
        ("GM1966", 10), ("GM1969", 12), ("GM1952", 12), ("GM1979", 9), ("GM1895", 7), ("GM0765", 3), ("GM0037", 6), ("GM0047", 5), ("GM1950", 5),
    ];

    private static readonly (string Code, int Weight)[] Drenthe =
    [
        ("GM0106", 10), ("GM1730", 8), ("GM1699", 6), ("GM1680", 5), ("GM0114", 4), ("GM1681", 3), ("GM1731", 2),
    ];

    /// <summary>The Groningen-like scheme's 19 mbo locations: 14 in the city, five in the province.</summary>
    public static IReadOnlyList<(string Id, string Name, string Municipality)> GroningenLocations { get; } =
    [
        .. Enumerable.Range(0, 10).Select(i => ($"25GA{i:00}", $"Mbo Noord, Groningen locatie {i + 1}", "GM0014")),
        .. Enumerable.Range(0, 4).Select(i => ($"26GB{i:00}", $"Mbo Stad, Groningen locatie {i + 1}", "GM0014")),
        ("25GA10", "Mbo Noord, Delfzijl", "GM1979"), ("25GA11", "Mbo Noord, Winschoten", "GM1895"), ("25GA12", "Mbo Noord, Veendam", "GM0047"),
        ("26GB04", "Mbo Stad, Hoogezand", "GM1952"), ("26GB05", "Mbo Stad, Stadskanaal", "GM0037"),
    ];

    /// <summary>
    /// About 17,000 mbo students over the 19 locations, counted on 1 October 2023–2027: at a city location
    /// about half live in the city, at a provincial one most live locally; at every location 8.1% (rounded
    /// up) live in Drenthe, the non-participants whose part is the gap.
    /// </summary>
    private static void AddGroningen(Random random, List<string> schools, List<string> pupils)
    {
        foreach (var (id, name, municipality) in GroningenLocations)
        {
            var board = id.StartsWith("25", StringComparison.Ordinal) ? "80001;Stichting Mbo Noord" : "80002;Stichting Mbo Stad";
            schools.Add($"{id[..4]};{id[4..]};{name};{board};{municipality};MBO");
            var size = random.Next(600, 1300);
            for (var year = 2023; year <= 2027; year++)
            {
                var total = size + (year - 2023) * random.Next(0, 25);
                var drenthe = (int)Math.Ceiling(total * 0.081m);
                var local = (total - drenthe) * (municipality == "GM0014" ? 50 : 60) / 100;
                var residences = new List<string>();
                residences.AddRange(Enumerable.Repeat(municipality, local));
                residences.AddRange(Enumerable.Range(0, total - drenthe - local).Select(_ => municipality == "GM0014" ? Pick(random, GroningenProvince) : random.Next(3) == 0 ? "GM0014" : Pick(random, GroningenProvince)));
                residences.AddRange(Enumerable.Range(0, drenthe).Select(_ => Pick(random, Drenthe)));
                foreach (var group in residences.GroupBy(r => r).OrderBy(g => g.Key, StringComparer.Ordinal))
                {
                    pupils.Add($"{year}-10-01;{id[..4]};{id[4..]};{group.Key};{Count(group.Count())}");
                }
            }
        }
    }

    /// <summary>
    /// The IJmond care classes' four locations (the two ICK IJmond locations: the Antoniusschool on both, with De Boekanier
    /// in IJmuiden and De Zeearend in Beverwijk), each hosting one onderwijszorgklas. Synthetic BRIN codes.
    /// </summary>
    public static IReadOnlyList<(string Id, string Name, string Board, string Municipality, string Sector)> IJmondLocations { get; } =
    [
        ("70IJ00", "Antoniusschool, ICK IJmond IJmuiden", "90001;Stichting Katholiek Speciaal Onderwijs IJmond", "GM0453", "SO"),
        ("70IJ01", "Antoniusschool, ICK IJmond Beverwijk", "90001;Stichting Katholiek Speciaal Onderwijs IJmond", "GM0375", "SO"),
        ("71IJ00", "De Boekanier, ICK IJmond IJmuiden", "90002;Stichting Speciaal Basisonderwijs Kennemerland", "GM0453", "SBO"),
        ("72IJ00", "De Zeearend, ICK IJmond Beverwijk", "90002;Stichting Speciaal Basisonderwijs Kennemerland", "GM0375", "SBO"),
    ];

    /// <summary>
    /// Pupils of the IJmond locations by residence, the same on 1 October 2025, 2026 and 2027 (funding years 2026–2028), fixed
    /// rather than drawn so that the scheme's test can be worked by hand: Velsen, Beverwijk and Heemskerk, and at De Zeearend
    /// five from Uitgeest, which does not take part.
    /// </summary>
    public static IReadOnlyList<(string School, string Residence, int Pupils)> IJmondPupils { get; } =
    [
        ("70IJ00", "GM0453", 48), ("70IJ00", "GM0375", 9), ("70IJ00", "GM0396", 6),
        ("70IJ01", "GM0375", 31), ("70IJ01", "GM0396", 24), ("70IJ01", "GM0453", 7),
        ("71IJ00", "GM0453", 70), ("71IJ00", "GM0375", 12), ("71IJ00", "GM0396", 8),
        ("72IJ00", "GM0375", 52), ("72IJ00", "GM0396", 29), ("72IJ00", "GM0453", 11), ("72IJ00", "GM0450", 5),
    ];

    /// <summary>Appended after every other region's rows and without a random draw, so the other demo schemes' data stay as they were.</summary>
    private static void AddIJmond(List<string> schools, List<string> pupils)
    {
        foreach (var (id, name, board, municipality, sector) in IJmondLocations)
        {
            schools.Add($"{id[..4]};{id[4..]};{name};{board};{municipality};{sector}");
        }
        for (var year = 2025; year <= 2027; year++)
        {
            foreach (var (school, residence, count) in IJmondPupils.OrderBy(p => p.School, StringComparer.Ordinal).ThenBy(p => p.Residence, StringComparer.Ordinal))
            {
                pupils.Add(string.Create(CultureInfo.InvariantCulture, $"{year}-10-01;{school[..4]};{school[4..]};{residence};{Count(count)}"));
            }
        }
    }

    /// <summary>A pupil count as DUO publishes it: 1–4 masked as &lt;5.</summary>
    /// <summary>The Tilburg-like estimate scheme's school (issue 13), after every other so that nothing else generated changes.</summary>
    public const string LeijparkLocation = "04LP00";

    /// <summary>
    /// The Tilburg-like Onderwijscentrum Leijpark (04LP00, board 42001): no beschikkingen and no pupil counts, only the school's
    /// estimate of 17 toddlers and the hours a week each needs, by residence in Hart van Brabant, the same for 2026 to 2028
    /// (<c>inschattingen-tilburg-leijpark.csv</c>): 8 × 4 + 2 × 5 + 2 × 2,5 + 1 × 4 + 1 × 3 + 1 × 4 + 1 × 3 + 1 × 4 = 65 hours a week,
    /// which at € 62.50 for 40 weeks is € 162,500.00 a year. Fixed figures, no random draws.
    /// </summary>
    private static void AddTilburg(string folder, List<string> schools)
    {
        schools.Add($"{LeijparkLocation[..4]};{LeijparkLocation[4..]};Onderwijscentrum Leijpark;42001;Stichting Onderwijscentrum Leijpark;GM0855;SO");
        (string Residence, int Children, string Hours)[] estimate =
        [
            ("GM0855", 8, "4"), ("GM0824", 2, "5"), ("GM0785", 2, "2,5"), ("GM0766", 1, "4"),
            ("GM0784", 1, "3"), ("GM0798", 1, "4"), ("GM0809", 1, "3"), ("GM0867", 1, "4"),
        ];
        Write(Path.Combine(folder, "inschattingen-tilburg-leijpark.csv"), "jaar;brin;vestiging;woongemeente;kinderen;uren_per_week",
            from year in Enumerable.Range(2026, 3)
            from row in estimate
            select string.Create(CultureInfo.InvariantCulture, $"{year};{LeijparkLocation[..4]};{LeijparkLocation[4..]};{row.Residence};{row.Children};{row.Hours}"));
    }

    private static string Count(int count) => count is > 0 and < 5 ? "<5" : count.ToString(CultureInfo.InvariantCulture);

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

    private static string Beschikking(string number, string client, string residence, string school, string provider, string law, decimal hours, DateOnly start, DateOnly? end, string category = "JZ") =>
        string.Create(CultureInfo.InvariantCulture,
            $"{number};{client};{residence};{school[..4]};{school[4..]};{provider};{category};{law};{hours};{start:yyyy-MM-dd};{end:yyyy-MM-dd}");

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
