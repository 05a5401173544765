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
    string UpdateSql);

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

    private static readonly ImportTable Leerlingen = new(
        RowParsers.LeerlingenColumns,
        (row, known, reasons) => RowParsers.PupilCount(row, known!, reasons),
        r => PupilKey(((PupilCount)r).Peildatum, ((PupilCount)r).School.ToString(), ((PupilCount)r).Residence.Value),
        "SELECT peildatum, brin, vestiging, municipality_code, pupils FROM pupil_counts",
        v => PupilKey(DbValues.Date(v[0]!), (string)v[1]! + (string)v[2]!, (string)v[3]!),
        r => r is PupilCount p ? [("Peildatum", p.Peildatum), ("Brin", p.School.Brin), ("Vestiging", p.School.Vestiging), ("Municipality", p.Residence.Value), ("Pupils", p.Count)] : [],
        """
        INSERT INTO pupil_counts (peildatum, brin, vestiging, municipality_code, pupils)
        VALUES (@Peildatum, @Brin, @Vestiging, @Municipality, @Pupils)
        """,
        """
        UPDATE pupil_counts SET pupils = @Pupils
        WHERE peildatum = @Peildatum AND brin = @Brin AND vestiging = @Vestiging AND municipality_code = @Municipality
        """);

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

    private static string PupilKey(DateOnly peildatum, string school, string municipality) =>
        string.Create(CultureInfo.InvariantCulture, $"{peildatum:yyyy-MM-dd} {school} {municipality}");
}
