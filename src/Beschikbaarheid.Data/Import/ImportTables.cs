using System.Globalization;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Data.Database;

namespace Beschikbaarheid.Data.Import;

/// <summary>
/// How one kind of file maps onto its table: columns, key, parser, and the two write statements. <c>StoredSql</c>
/// reads every stored row's columns in the order of <c>Values</c>, and <c>StoredKey</c> makes a stored row's key,
/// so one set-based query tells both which keys exist and whether a row's values changed (see <see cref="StoredRows"/>).
/// </summary>
internal sealed record ImportTable(
    string[] Columns,
    Func<CsvRow, KnownCodes?, List<string>, object?> Parse,
    Func<object, string> Key,
    string StoredSql,
    Func<object?[], string> StoredKey,
    Func<object, (string Name, object? Value)[]> Values,
    string InsertSql,
    string UpdateSql)
{
    /// <summary>Stored rows a file replaces besides those with its keys; null where a row replaces only its own key.</summary>
    public Superseding? Superseding { get; init; }
}

/// <summary>
/// Which stored rows a file's rows replace besides those with their own keys. Every row of the file claims scopes, every
/// stored row lies in scopes; a stored row in a scope the file claims goes, unless the file has its key. The stored rows are
/// the ones read once for the tally, so this costs no query but one delete per row that goes.
/// </summary>
/// <param name="Claims">The scopes a row of the file claims.</param>
/// <param name="ScopesOfStored">The scopes a stored row (its values as <c>StoredSql</c> reads them) lies in.</param>
/// <param name="KeyOfStored">A stored row's key as the parameters of <paramref name="DeleteSql"/>.</param>
internal sealed record Superseding(
    Func<object, IEnumerable<string>> Claims,
    Func<object?[], IEnumerable<string>> ScopesOfStored,
    Func<object?[], (string Name, object? Value)[]> KeyOfStored,
    string DeleteSql);

internal static class ImportTables
{
    /// <param name="header">The file's column names: beschikkingen come either in the engine's own shape or as iJw JW301 toewijzingen (with <c>eenheid</c>).</param>
    public static ImportTable For(ImportKind kind, IReadOnlySet<string> header) => kind switch
    {
        ImportKind.Gemeenten => Gemeenten,
        ImportKind.Scholen => Scholen,
        ImportKind.Leerlingen => Leerlingen,
        ImportKind.Beschikkingen when header.Contains("eenheid") => Beschikkingen with
        {
            Columns = RowParsers.Jw301Columns,
            Parse = (row, known, reasons) => RowParsers.Jw301Toewijzing(row, known!, reasons),
        },
        ImportKind.Beschikkingen => Beschikkingen,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static readonly ImportTable Gemeenten = new(
        RowParsers.GemeentenColumns,
        (row, _, reasons) => RowParsers.Municipality(row, reasons),
        r => ((Municipality)r).Code.Value,
        "SELECT code, name, address, postal_code, city, oin, iban, contact_person, email FROM municipalities",
        v => (string)v[0]!,
        r => r is Municipality m
            ? [("Code", m.Code.Value), ("Name", m.Name), ("Address", m.Address), ("PostalCode", m.PostalCode), ("City", m.City),
               ("Oin", m.Oin), ("Iban", m.Iban?.Value), ("ContactPerson", m.ContactPerson), ("Email", m.Email)]
            : [],
        """
        INSERT INTO municipalities (code, name, address, postal_code, city, oin, iban, contact_person, email)
        VALUES (@Code, @Name, @Address, @PostalCode, @City, @Oin, @Iban, @ContactPerson, @Email)
        """,
        """
        UPDATE municipalities SET name = @Name, address = @Address, postal_code = @PostalCode, city = @City,
            oin = @Oin, iban = @Iban, contact_person = @ContactPerson, email = @Email
        WHERE code = @Code
        """);

    private static readonly ImportTable Scholen = new(
        RowParsers.ScholenColumns,
        (row, known, reasons) => RowParsers.School(row, known!, reasons),
        r => ((SchoolLocation)r).Id.ToString(),
        "SELECT brin, vestiging, name, board_number, board_name, municipality_code, sector FROM school_locations",
        v => (string)v[0]! + (string)v[1]!,
        r => r is SchoolLocation s
            ? [("Brin", s.Id.Brin), ("Vestiging", s.Id.Vestiging), ("Name", s.Name), ("BoardNumber", s.BoardNumber), ("BoardName", s.BoardName), ("Municipality", s.Municipality.Value), ("Sector", s.Sector.ToString())]
            : [],
        """
        INSERT INTO school_locations (brin, vestiging, name, board_number, board_name, municipality_code, sector)
        VALUES (@Brin, @Vestiging, @Name, @BoardNumber, @BoardName, @Municipality, @Sector)
        """,
        """
        UPDATE school_locations SET name = @Name, board_number = @BoardNumber, board_name = @BoardName, municipality_code = @Municipality, sector = @Sector
        WHERE brin = @Brin AND vestiging = @Vestiging
        """);

    /// <summary>
    /// Pupil counts, per grade when the file has the <c>leerjaar</c> column (stored as 0 without one). A count of a
    /// location and residence on a Peildatum replaces all of its grades stored before; and as a location's counts on a
    /// Peildatum are all per grade or all without, counts in the other form at that location go, so no pupil is counted
    /// both per grade and without.
    /// </summary>
    private static readonly ImportTable Leerlingen = new(
        RowParsers.LeerlingenColumns,
        (row, known, reasons) => RowParsers.PupilCount(row, known!, reasons),
        r => PupilKey((GradedPupilCount)r),
        "SELECT peildatum, brin, vestiging, municipality_code, pupils, grade FROM pupil_counts",
        v => PupilKey(DbValues.Date(v[0]!), (string)v[1]! + (string)v[2]!, (string)v[3]!, Convert.ToInt32(v[5], CultureInfo.InvariantCulture)),
        r => r is GradedPupilCount p
            ? [("Peildatum", p.Peildatum), ("Brin", p.School.Brin), ("Vestiging", p.School.Vestiging), ("Municipality", p.Residence.Value), ("Pupils", p.Count), ("Grade", p.Grade ?? 0)]
            : [],
        """
        INSERT INTO pupil_counts (peildatum, brin, vestiging, municipality_code, pupils, grade)
        VALUES (@Peildatum, @Brin, @Vestiging, @Municipality, @Pupils, @Grade)
        """,
        """
        UPDATE pupil_counts SET pupils = @Pupils
        WHERE peildatum = @Peildatum AND brin = @Brin AND vestiging = @Vestiging AND municipality_code = @Municipality AND grade = @Grade
        """)
    {
        Superseding = new Superseding(
            r => r is GradedPupilCount p
                ? [PupilCountScope(p.Peildatum, p.School.ToString(), p.Residence.Value), PupilFormScope(p.Peildatum, p.School.ToString(), graded: p.Grade is null)]
                : [],
            v => [PupilCountScope(DbValues.Date(v[0]!), (string)v[1]! + (string)v[2]!, (string)v[3]!),
                  PupilFormScope(DbValues.Date(v[0]!), (string)v[1]! + (string)v[2]!, graded: Convert.ToInt32(v[5], CultureInfo.InvariantCulture) != 0)],
            v => [("Peildatum", DbValues.Date(v[0]!)), ("Brin", (string)v[1]!), ("Vestiging", (string)v[2]!), ("Municipality", (string)v[3]!),
                  ("Grade", Convert.ToInt32(v[5], CultureInfo.InvariantCulture))],
            """
            DELETE FROM pupil_counts
            WHERE peildatum = @Peildatum AND brin = @Brin AND vestiging = @Vestiging AND municipality_code = @Municipality AND grade = @Grade
            """),
    };

    private static readonly ImportTable Beschikkingen = new(
        RowParsers.BeschikkingenColumns,
        (row, known, reasons) => RowParsers.Beschikking(row, known!, reasons),
        r => ((Beschikking)r).Number,
        """
        SELECT number, client, municipality_code, brin, vestiging, provider, category, law, hours_per_week, start_date, end_date
        FROM beschikkingen
        """,
        v => (string)v[0]!,
        r => r is Beschikking b
            ? [("Number", b.Number), ("Client", b.Client), ("Municipality", b.Residence.Value), ("Brin", b.School.Brin), ("Vestiging", b.School.Vestiging), ("Provider", b.Provider), ("Category", b.Category), ("Law", b.Law.ToString()), ("HoursPerWeek", b.HoursPerWeek), ("Start", b.Active.Start), ("End", b.Active.End)]
            : [],
        """
        INSERT INTO beschikkingen (number, client, municipality_code, brin, vestiging, provider, category, law, hours_per_week, start_date, end_date)
        VALUES (@Number, @Client, @Municipality, @Brin, @Vestiging, @Provider, @Category, @Law, @HoursPerWeek, @Start, @End)
        """,
        """
        UPDATE beschikkingen SET client = @Client, municipality_code = @Municipality, brin = @Brin, vestiging = @Vestiging, provider = @Provider,
            category = @Category, law = @Law, hours_per_week = @HoursPerWeek, start_date = @Start, end_date = @End
        WHERE number = @Number
        """);

    private static string PupilKey(GradedPupilCount p) => PupilKey(p.Peildatum, p.School.ToString(), p.Residence.Value, p.Grade ?? 0);

    /// <summary>A count's key as messages name it: <c>2025-10-01 30AB00 GM0268</c>, with <c>leerjaar 6</c> after it for a grade.</summary>
    private static string PupilKey(DateOnly peildatum, string school, string municipality, int grade) => grade == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{peildatum:yyyy-MM-dd} {school} {municipality}")
        : string.Create(CultureInfo.InvariantCulture, $"{peildatum:yyyy-MM-dd} {school} {municipality} leerjaar {grade}");

    /// <summary>All grades of one count: a file's count claims them, and a stored grade the file lacks goes.</summary>
    private static string PupilCountScope(DateOnly peildatum, string school, string municipality) =>
        string.Create(CultureInfo.InvariantCulture, $"count {peildatum:yyyy-MM-dd} {school} {municipality}");

    /// <summary>A location's counts on a Peildatum in one form: a file's count claims the form it is not in, where stored counts go.</summary>
    private static string PupilFormScope(DateOnly peildatum, string school, bool graded) =>
        string.Create(CultureInfo.InvariantCulture, $"{(graded ? "graded" : "whole")} {peildatum:yyyy-MM-dd} {school}");
}
