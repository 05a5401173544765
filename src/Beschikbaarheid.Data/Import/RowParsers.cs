using System.Globalization;
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

    /// <summary>The pupils file's optional column: the grade of each count.</summary>
    public const string GradeColumn = "leerjaar";

    /// <summary>An iJw JW301 toewijzing; the product category is kept as the beschikking's category and mapped by each scheme.</summary>
    public static readonly string[] Jw301Columns =
    [
        "beschikkingnummer", "client", "woongemeente", "brin", "vestiging", "aanbieder", "productcategorie", "productcode",
        "volume", "eenheid", "frequentie", "wet", "ingangsdatum", "einddatum",
    ];

    /// <summary>The most pupils one count may hold: far above any school, far below any overflow.</summary>
    public const int MaxPupils = 100_000;

    /// <summary>The most decimals of hours per week, as the database stores them.</summary>
    private const int HourDecimals = 4;

    private static readonly Dictionary<string, Law> Laws = Lookup<Law>();
    private static readonly Dictionary<string, Sector> Sectors = Lookup<Sector>();

    /// <summary>JW301 eenheid codes, with or without their leading zero; 14 and 83 are known but cannot become hours.</summary>
    private static readonly Dictionary<string, string> Units = new(StringComparer.Ordinal)
    {
        ["01"] = "01", ["1"] = "01", ["04"] = "04", ["4"] = "04", ["16"] = "16", ["14"] = "14", ["83"] = "83",
    };

    /// <summary>JW301 frequentie codes, with or without one leading zero.</summary>
    private static readonly Dictionary<string, string> Frequencies = new(StringComparer.Ordinal)
    {
        ["1"] = "1", ["01"] = "1", ["2"] = "2", ["02"] = "2", ["4"] = "4", ["04"] = "4", ["6"] = "6", ["06"] = "6",
    };

    public static Municipality? Municipality(CsvRow row, List<string> reasons)
    {
        var code = MunicipalityCodeOf(row, "gemeentecode", null, reasons);
        var name = Text(row, "naam", 200, reasons);
        var address = OptionalText(row, "adres", 200, reasons);
        var postalCode = OptionalText(row, "postcode", 20, reasons);
        var city = OptionalText(row, "plaats", 100, reasons);
        var oin = OptionalOin(row, reasons);
        var iban = OptionalIban(row, reasons);
        var contact = OptionalText(row, "contactpersoon", 200, reasons);
        var email = OptionalEmail(row, reasons);
        return reasons.Count > 0
            ? null
            : new Municipality(code, name, address, postalCode, city) { Oin = oin, Iban = iban, ContactPerson = contact, Email = email };
    }

    /// <summary>The longest e-mail address accepted (RFC 5321's path limit less its angle brackets).</summary>
    public const int MaxEmailLength = 254;

    /// <summary><c>oin</c>, when given: the Organisatie-identificatienummer, exactly 20 ASCII digits.</summary>
    private static string? OptionalOin(CsvRow row, List<string> reasons)
    {
        if (!row.Has("oin") || row["oin"].Length == 0)
        {
            return null;
        }
        var text = row["oin"];
        if (text.Length != 20 || !text.All(char.IsAsciiDigit))
        {
            reasons.Add($"oin '{Visible(text)}' is not an OIN (20 digits)");
        }
        return text;
    }

    /// <summary><c>iban</c>, when given: checked by ISO 13616 (<see cref="Iban"/>), stored without spaces, upper case.</summary>
    private static Iban? OptionalIban(CsvRow row, List<string> reasons)
    {
        if (!row.Has("iban") || row["iban"].Length == 0)
        {
            return null;
        }
        var text = row["iban"];
        if (Iban.TryParse(text, out var iban, out var problem))
        {
            return iban;
        }
        reasons.Add($"iban '{Visible(text)}' is not a valid IBAN: it {problem}");
        return null;
    }

    /// <summary>
    /// <c>email</c>, when given: a sanity check, not RFC 5322: exactly one <c>@</c> with text on both sides, no white
    /// space, no control or format characters, at most <see cref="MaxEmailLength"/> characters.
    /// </summary>
    private static string? OptionalEmail(CsvRow row, List<string> reasons)
    {
        if (!row.Has("email") || row["email"].Length == 0)
        {
            return null;
        }
        var text = row["email"];
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (text.Any(c => char.IsWhiteSpace(c)
            || char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate))
        {
            reasons.Add($"email '{Visible(text)}' holds white space or an invisible character");
        }
        else if (at <= 0 || at == text.Length - 1 || text.IndexOf('@', at + 1) >= 0)
        {
            reasons.Add($"email '{text}' is not an e-mail address (one @ with text on both sides)");
        }
        else if (text.Length > MaxEmailLength)
        {
            reasons.Add($"email is longer than {MaxEmailLength} characters ({text.Length})");
        }
        return text.Normalize(System.Text.NormalizationForm.FormC);
    }

    public static SchoolLocation? School(CsvRow row, KnownCodes known, List<string> reasons)
    {
        var id = LocationOf(row, null, reasons);
        var name = Text(row, "naam", 200, reasons);
        var board = BoardNumber(row, "bestuursnummer", reasons);
        var boardName = Text(row, "bestuursnaam", 200, reasons);
        var municipality = MunicipalityCodeOf(row, "gemeentecode", known, reasons);
        var sector = OneOf(row, "sector", Sectors, reasons);
        return reasons.Count > 0 ? null : new SchoolLocation(id, name, board, boardName, municipality, sector);
    }

    public static GradedPupilCount? PupilCount(CsvRow row, KnownCodes known, List<string> reasons)
    {
        var peildatum = DateOf(row, "peildatum", reasons);
        if (peildatum is { } date && !known.CountingDates.Any(d => d.Matches(date)))
        {
            reasons.Add($"peildatum {date:yyyy-MM-dd} is not a counting date (1 October, or the countingDate a scheme names)");
        }
        var school = LocationOf(row, known, reasons);
        var residence = MunicipalityCodeOf(row, "woongemeente", known, reasons);
        int? count = null;
        var text = row["aantal"];
        if (text.Replace(" ", "", StringComparison.Ordinal) != "<5")
        {
            if (text.Length == 0 || text.AsSpan().ContainsAnyExceptInRange('0', '9'))
            {
                reasons.Add($"aantal '{text}' is not a whole number of pupils or '<5'");
            }
            else
            {
                // At most 6 digits are read, so a count can never overflow; more is out of bounds as much as 100001 is.
                var n = text.Length > 6 ? int.MaxValue : int.Parse(text, CultureInfo.InvariantCulture);
                if (n is 0 or > MaxPupils)
                {
                    reasons.Add($"aantal '{text}' is out of bounds: a count of pupils is above 0 and at most 100000 ('<5' for a masked count)");
                }
                else
                {
                    count = n;
                }
            }
        }
        var grade = row.Has(GradeColumn) ? Grade(row, reasons) : null;
        return reasons.Count > 0 ? null : new GradedPupilCount(peildatum!.Value, school, residence, grade, count);
    }

    /// <summary>
    /// <c>leerjaar</c>: a grade from 1 to 8, as <c>reach.grade</c> names them. Required on every row once the file has the
    /// column: a count without grade beside the same location's counts per grade would count its pupils twice.
    /// </summary>
    private static int? Grade(CsvRow row, List<string> reasons)
    {
        var text = row[GradeColumn];
        if (text.Length == 0)
        {
            reasons.Add($"{GradeColumn} is empty: a file with the {GradeColumn} column gives every count's grade (1 to {GradedPupilCount.HighestGrade})");
            return null;
        }
        if (text.Length > 1 || text[0] is < '1' or > (char)('0' + GradedPupilCount.HighestGrade))
        {
            reasons.Add($"{GradeColumn} '{text}' is not a grade: a whole number from 1 to {GradedPupilCount.HighestGrade}");
            return null;
        }
        return text[0] - '0';
    }

    public static Beschikking? Beschikking(CsvRow row, KnownCodes known, List<string> reasons)
    {
        var common = Common(row, known, CareCategory(row, "categorie", reasons), reasons);
        var hours = HoursPerWeek(row, reasons);
        return reasons.Count > 0 ? null : common! with { HoursPerWeek = hours!.Value };
    }

    /// <summary>
    /// The JW301 shape: volume + eenheid + frequentie become hours per week (<see cref="IjwVolume"/>); a unit
    /// that cannot become hours (etmaal, euro) is refused with the reason, not guessed, and so is a volume its
    /// unit cannot hold in a week of 168 hours.
    /// </summary>
    public static Beschikking? Jw301Toewijzing(CsvRow row, KnownCodes known, List<string> reasons)
    {
        var common = Common(row, known, ProductCategory(row, "productcategorie", reasons), reasons);
        var volume = Number(row, "volume", reasons);
        var unit = Code(row, "eenheid", Units, "01 (minuut), 04 (uur), 16 (dagdeel)", reasons);
        var frequency = Code(row, "frequentie", Frequencies, "1 (per dag), 2 (per week), 4 (per maand), 6 (totaal)", reasons);
        if (reasons.Count > 0)
        {
            return null;
        }
        var hours = IjwVolume.HoursPerWeek(volume!.Value, unit!, frequency!, common!.Active, out var why);
        if (why is not null)
        {
            reasons.Add(why);
            return null;
        }
        var rounded = decimal.Round(hours!.Value, HourDecimals);
        if (rounded <= 0)
        {
            reasons.Add($"volume {row["volume"]} is out of bounds: it becomes {hours.Value:0.########} hours per week, less than 0.0001");
            return null;
        }
        return common with { HoursPerWeek = rounded };
    }

    /// <summary>What both shapes of a beschikking share: everything but the hours, which stay 0 here; null when a date is unreadable.</summary>
    private static Beschikking? Common(CsvRow row, KnownCodes known, string category, List<string> reasons)
    {
        var number = IdentifierOf(row, "beschikkingnummer", reasons);
        var client = IdentifierOf(row, "client", reasons);
        if (Bsn.LooksLikeBsn(client))
        {
            reasons.Add("client looks like a BSN; supply a pseudonymous client id");
        }
        var residence = MunicipalityCodeOf(row, "woongemeente", known, reasons);
        var school = LocationOf(row, known, reasons);
        var provider = Text(row, "aanbieder", 200, reasons);
        var law = OneOf(row, "wet", Laws, reasons);
        var start = DateOf(row, "ingangsdatum", reasons);
        DateOnly? end = row["einddatum"].Length > 0 ? DateOf(row, "einddatum", reasons) : null;
        if (start is null || (row["einddatum"].Length > 0 && end is null))
        {
            return null;
        }
        if (end < start)
        {
            reasons.Add($"einddatum {end:yyyy-MM-dd} lies before ingangsdatum {start:yyyy-MM-dd}");
            return null;
        }
        return new Beschikking(number, client, residence, school, provider, category, law, 0m, new ActivePeriod(start.Value, end));
    }

    /// <summary><c>uren_per_week</c>: above 0, at most 168 (a week has 168 hours), at most 4 decimals as stored.</summary>
    private static decimal? HoursPerWeek(CsvRow row, List<string> reasons)
    {
        var hours = Number(row, "uren_per_week", reasons);
        if (hours is null)
        {
            return null;
        }
        if (hours <= 0 || hours > IjwVolume.HoursInAWeek)
        {
            reasons.Add($"uren_per_week '{row["uren_per_week"]}' is out of bounds: above 0 and at most 168 (the hours of a week)");
            return null;
        }
        if (decimal.Round(hours.Value, HourDecimals) != hours)
        {
            reasons.Add($"uren_per_week '{row["uren_per_week"]}' has more than {HourDecimals} decimals");
            return null;
        }
        return hours;
    }

    /// <summary>A decimal number (<see cref="Fields.ReadDecimal"/>); one too large to hold is out of bounds.</summary>
    internal static decimal? Number(CsvRow row, string column, List<string> reasons)
    {
        var text = row[column];
        switch (Fields.ReadDecimal(text, out var value))
        {
            case NumberField.Number:
                return value;
            case NumberField.TooLarge:
                reasons.Add($"{column} '{text}' is out of bounds: far too large");
                return null;
            default:
                reasons.Add($"{column} '{text}' is not a number (digits with at most one decimal comma or point, e.g. 5,5)");
                return null;
        }
    }

    /// <summary>One of an enumeration's names, ASCII, case-insensitive; never a number or a combination such as <c>JW,WLZ</c>.</summary>
    private static TEnum OneOf<TEnum>(CsvRow row, string column, Dictionary<string, TEnum> allowed, List<string> reasons)
        where TEnum : struct, Enum
    {
        var text = row[column];
        if (!allowed.TryGetValue(text, out var value))
        {
            reasons.Add($"{column} '{text}' is not one of {string.Join(", ", Enum.GetNames<TEnum>())}");
        }
        return value;
    }

    /// <summary>The exact names of an enumeration, ASCII letters only, looked up without regard to ASCII case.</summary>
    private static Dictionary<string, TEnum> Lookup<TEnum>() where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().ToDictionary(v => v.ToString(), v => v, AsciiIgnoreCase.Instance);

    private static string? Code(CsvRow row, string column, Dictionary<string, string> allowed, string names, List<string> reasons)
    {
        var text = row[column];
        if (allowed.TryGetValue(text, out var code))
        {
            return code;
        }
        reasons.Add($"{column} '{text}' is not one of {names}");
        return null;
    }

    /// <summary>A care category (<c>JZ</c>, <c>GGZ</c>): 1–20 ASCII letters or digits, stored upper case as schemes name them.</summary>
    internal static string CareCategory(CsvRow row, string column, List<string> reasons)
    {
        var text = row[column];
        if (text.Length is 0 or > 20 || !text.All(char.IsAsciiLetterOrDigit))
        {
            reasons.Add($"{column} '{text}' is not a care category (1 to 20 ASCII letters or digits, e.g. JZ)");
            return text;
        }
        return text.ToUpperInvariant();
    }

    /// <summary>An iJw product category: 2 ASCII digits (e.g. 45 jeugdhulp ambulant).</summary>
    private static string ProductCategory(CsvRow row, string column, List<string> reasons)
    {
        var text = row[column];
        if (text.Length != 2 || !text.All(char.IsAsciiDigit))
        {
            reasons.Add($"{column} '{text}' is not an iJw product category (2 digits, e.g. 45)");
        }
        return text;
    }

    /// <summary>A board number: 5 ASCII digits.</summary>
    internal static string BoardNumber(CsvRow row, string column, List<string> reasons)
    {
        var board = row[column];
        if (board.Length != 5 || !board.All(char.IsAsciiDigit))
        {
            reasons.Add($"{column} '{board}' is not a 5-digit board number");
        }
        return board;
    }

    /// <summary>An identifier (<see cref="Identifier"/>): not empty, no control or format characters, NFC, at most 64 characters as stored.</summary>
    private static string IdentifierOf(CsvRow row, string column, List<string> reasons)
    {
        var text = row[column];
        if (text.Length == 0)
        {
            reasons.Add($"{column} is empty");
            return text;
        }
        if (Identifier.Normalize(text, out var problem) is not { } normalized)
        {
            reasons.Add($"{column} '{Visible(text)}' {problem}");
            return text;
        }
        if (normalized.Length > 64)
        {
            reasons.Add($"{column} '{normalized}' is longer than 64 characters");
        }
        return normalized;
    }

    /// <summary>Free text that must be present: no control characters, NFC, at most <paramref name="maxLength"/> characters as stored.</summary>
    private static string Text(CsvRow row, string column, int maxLength, List<string> reasons)
    {
        var value = row[column];
        if (value.Length == 0)
        {
            reasons.Add($"{column} is empty");
        }
        return CheckText(column, value, maxLength, reasons);
    }

    private static string? OptionalText(CsvRow row, string column, int maxLength, List<string> reasons) =>
        row.Has(column) && row[column].Length > 0 ? CheckText(column, row[column], maxLength, reasons) : null;

    private static string CheckText(string column, string value, int maxLength, List<string> reasons)
    {
        if (Identifier.InvisibleInText(value) is { } problem)
        {
            reasons.Add($"{column} '{Visible(value)}' {problem}");
            return value;
        }
        var normalized = value.Normalize(System.Text.NormalizationForm.FormC);
        if (normalized.Length > maxLength)
        {
            reasons.Add($"{column} is longer than {maxLength} characters ({normalized.Length})");
        }
        return normalized;
    }

    /// <summary>The text with every control or format character written as <c>\uXXXX</c>, so a message shows what it refers to.</summary>
    private static string Visible(string text) =>
        string.Concat(text.Select(c => char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}")
            : c.ToString()));

    internal static MunicipalityCode MunicipalityCodeOf(CsvRow row, string column, KnownCodes? known, List<string> reasons)
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
        if (!SchoolLocationId.IsBrin(brin))
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

    /// <summary>A date in one of the formats, between 1990-01-01 and 2100-12-31; null (with one reason) otherwise.</summary>
    internal static DateOnly? DateOf(CsvRow row, string column, List<string> reasons)
    {
        var text = row[column];
        if (!Fields.TryDate(text, out var date))
        {
            reasons.Add($"{column} '{text}' is not a date (yyyy-MM-dd or dd-MM-yyyy)");
            return null;
        }
        if (!Fields.InRange(date))
        {
            reasons.Add($"{column} '{text}' is out of bounds: dates lie between {Fields.EarliestDate:yyyy-MM-dd} and {Fields.LatestDate:yyyy-MM-dd}");
            return null;
        }
        return date;
    }
}

/// <summary>Case-insensitive for ASCII letters only: a long s or a dotless i never matches S or I.</summary>
internal sealed class AsciiIgnoreCase : IEqualityComparer<string>
{
    public static readonly AsciiIgnoreCase Instance = new();

    public bool Equals(string? x, string? y) => x is not null && y is not null && System.Text.Ascii.EqualsIgnoreCase(x, y);

    public int GetHashCode(string obj) =>
        System.Text.Ascii.IsValid(obj) ? StringComparer.OrdinalIgnoreCase.GetHashCode(obj) : StringComparer.Ordinal.GetHashCode(obj);
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
