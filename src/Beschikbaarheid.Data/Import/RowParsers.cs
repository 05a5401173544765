using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;

namespace Beschikbaarheid.Data.Import;

/// <summary>
/// Turns one CSV row into a registry record, or into the reasons it cannot be one. Each parser checks
/// formats and references; the import refuses the whole file when any row has a reason.
/// </summary>
internal static class RowParsers
{
    public static readonly string[] GemeentenColumns = ["gemeentecode", "naam"];
    public static readonly string[] ScholenColumns = ["brin", "vestiging", "naam", "bestuursnummer", "bestuursnaam", "gemeentecode", "sector"];
    public static readonly string[] LeerlingenColumns = ["peildatum", "brin", "vestiging", "woongemeente", "aantal"];
    public static readonly string[] BeschikkingenColumns =
        ["beschikkingnummer", "client", "woongemeente", "brin", "vestiging", "aanbieder", "categorie", "wet", "uren_per_week", "ingangsdatum", "einddatum"];

    /// <summary>An iJw JW301 toewijzing; the product category is kept as the beschikking's category and mapped by each scheme.</summary>
    public static readonly string[] Jw301Columns =
    [
        "beschikkingnummer", "client", "woongemeente", "brin", "vestiging", "aanbieder", "productcategorie", "productcode",
        "volume", "eenheid", "frequentie", "wet", "ingangsdatum", "einddatum",
    ];

    public static Municipality? Municipality(CsvRow row, List<string> reasons)
    {
        var code = MunicipalityCodeOf(row, "gemeentecode", null, reasons);
        var name = Required(row, "naam", reasons);
        return reasons.Count > 0 ? null : new Municipality(code, name, Optional(row, "adres"), Optional(row, "postcode"), Optional(row, "plaats"));
    }

    public static SchoolLocation? School(CsvRow row, KnownCodes known, List<string> reasons)
    {
        var id = LocationOf(row, null, reasons);
        var name = Required(row, "naam", reasons);
        var board = row["bestuursnummer"];
        if (board.Length != 5 || !board.All(char.IsAsciiDigit))
        {
            reasons.Add($"bestuursnummer '{board}' is not a 5-digit board number");
        }
        var boardName = Required(row, "bestuursnaam", reasons);
        var municipality = MunicipalityCodeOf(row, "gemeentecode", known, reasons);
        var sectorText = row["sector"];
        if (!Enum.TryParse<Sector>(sectorText, ignoreCase: true, out var sector) || !Enum.IsDefined(sector) || sectorText.Any(char.IsDigit))
        {
            reasons.Add($"sector '{sectorText}' is not one of {string.Join(", ", Enum.GetNames<Sector>())}");
        }
        return reasons.Count > 0 ? null : new SchoolLocation(id, name, board, boardName, municipality, sector);
    }

    public static PupilCount? PupilCount(CsvRow row, KnownCodes known, List<string> reasons)
    {
        var peildatum = DateOf(row, "peildatum", reasons);
        if (peildatum != default && !known.CountingDates.Any(d => d.Matches(peildatum)))
        {
            reasons.Add($"peildatum {peildatum:yyyy-MM-dd} is not a counting date (1 October, or the countingDate a scheme names)");
        }
        var school = LocationOf(row, known, reasons);
        var residence = MunicipalityCodeOf(row, "woongemeente", known, reasons);
        int? count = null;
        var text = row["aantal"];
        if (text.Replace(" ", "", StringComparison.Ordinal) != "<5")
        {
            if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
            {
                count = n;
            }
            else
            {
                reasons.Add($"aantal '{text}' is not a whole number of pupils or '<5'");
            }
        }
        return reasons.Count > 0 ? null : new PupilCount(peildatum, school, residence, count);
    }

    public static Beschikking? Beschikking(CsvRow row, KnownCodes known, List<string> reasons)
    {
        var common = Common(row, known, "categorie", reasons);
        var hoursText = row["uren_per_week"];
        if (!Fields.TryDecimal(hoursText, out var hours))
        {
            reasons.Add($"uren_per_week '{hoursText}' is not a number");
        }
        else if (hours < 0)
        {
            reasons.Add($"uren_per_week {hoursText} is negative");
        }
        return reasons.Count > 0 ? null : common with { HoursPerWeek = hours };
    }

    /// <summary>
    /// The JW301 shape: volume + eenheid + frequentie become hours per week (<see cref="IjwVolume"/>); a unit
    /// that cannot become hours (etmaal, euro) is refused with the reason, not guessed.
    /// </summary>
    public static Beschikking? Jw301Toewijzing(CsvRow row, KnownCodes known, List<string> reasons)
    {
        var common = Common(row, known, "productcategorie", reasons);
        var volumeText = row["volume"];
        if (!Fields.TryDecimal(volumeText, out var volume))
        {
            reasons.Add($"volume '{volumeText}' is not a number");
            return null;
        }
        if (reasons.Count > 0)
        {
            return null;
        }
        var hours = IjwVolume.HoursPerWeek(volume, row["eenheid"].PadLeft(2, '0'), row["frequentie"].TrimStart('0'), common.Active, out var why);
        if (why is not null)
        {
            reasons.Add(why);
        }
        return hours is null ? null : common with { HoursPerWeek = decimal.Round(hours.Value, 4) };
    }

    /// <summary>What both shapes of a beschikking share: everything but the hours, which stay 0 here.</summary>
    private static Beschikking Common(CsvRow row, KnownCodes known, string categoryColumn, List<string> reasons)
    {
        var number = Required(row, "beschikkingnummer", reasons);
        var client = Required(row, "client", reasons);
        if (Bsn.LooksLikeBsn(client))
        {
            reasons.Add("client looks like a BSN; supply a pseudonymous client id");
        }
        var residence = MunicipalityCodeOf(row, "woongemeente", known, reasons);
        var school = LocationOf(row, known, reasons);
        var provider = Required(row, "aanbieder", reasons);
        var category = Required(row, categoryColumn, reasons);
        var lawText = row["wet"];
        if (!Enum.TryParse<Law>(lawText, ignoreCase: true, out var law) || !Enum.IsDefined(law) || lawText.Any(char.IsDigit))
        {
            reasons.Add($"wet '{lawText}' is not one of JW, WLZ, ZVW");
        }
        var beforeDates = reasons.Count;
        var start = DateOf(row, "ingangsdatum", reasons);
        DateOnly? end = row["einddatum"].Length > 0 ? DateOf(row, "einddatum", reasons) : null;
        if (reasons.Count > beforeDates)
        {
            end = null; // a date that did not parse is reported once, never compared as 0001-01-01
        }
        else if (end < start)
        {
            reasons.Add($"einddatum {end:yyyy-MM-dd} lies before ingangsdatum {start:yyyy-MM-dd}");
            end = null;
        }
        return new Beschikking(number, client, residence, school, provider, category, law, 0m, new ActivePeriod(start, end));
    }

    private static string Required(CsvRow row, string column, List<string> reasons)
    {
        var value = row[column];
        if (value.Length == 0)
        {
            reasons.Add($"{column} is empty");
        }
        return value;
    }

    private static string? Optional(CsvRow row, string column) => row.Has(column) && row[column].Length > 0 ? row[column] : null;

    private static MunicipalityCode MunicipalityCodeOf(CsvRow row, string column, KnownCodes? known, List<string> reasons)
    {
        var text = row[column];
        if (!MunicipalityCode.TryParse(text, out var code))
        {
            reasons.Add($"{column} '{text}' is not a municipality code (GM + 4 digits)");
        }
        else if (known is not null && !known.Municipalities.Contains(code))
        {
            reasons.Add($"{column} {code} is not a known municipality; import gemeenten first");
        }
        return code;
    }

    private static SchoolLocationId LocationOf(CsvRow row, KnownCodes? known, List<string> reasons)
    {
        var brin = row["brin"];
        var vestiging = row["vestiging"];
        if (!SchoolLocationId.IsBrin(brin.ToUpperInvariant()))
        {
            reasons.Add($"brin '{brin}' is not a BRIN (2 digits + 2 letters)");
        }
        if (!SchoolLocationId.IsVestiging(vestiging))
        {
            reasons.Add($"vestiging '{vestiging}' is not 2 digits");
        }
        if (!SchoolLocationId.TryCreate(brin, vestiging, out var id))
        {
            return default;
        }
        if (known is not null && !known.Schools.Contains(id))
        {
            reasons.Add($"school location {id} is not known; import scholen first");
        }
        return id;
    }

    private static DateOnly DateOf(CsvRow row, string column, List<string> reasons)
    {
        var text = row[column];
        if (!Fields.TryDate(text, out var date))
        {
            reasons.Add($"{column} '{text}' is not a date (yyyy-MM-dd or dd-MM-yyyy)");
        }
        return date;
    }
}

/// <summary>A client id must be a pseudonym: refuse anything that passes the BSN eleven-test.</summary>
internal static class Bsn
{
    public static bool LooksLikeBsn(string text)
    {
        var digits = text.Trim();
        if (digits.Length is < 8 or > 9 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }
        digits = digits.PadLeft(9, '0');
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            sum += (9 - i) * (digits[i] - '0');
        }
        sum -= digits[8] - '0';
        return sum % 11 == 0;
    }
}
