using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Data.Database;
using Dapper;

namespace Beschikbaarheid.Data.Import;

/// <summary>
/// Imports one CSV file: every row is checked first, and only a file without a single bad row is written,
/// in one transaction together with its audit record. Rows whose key is already present replace the
/// stored row; new keys are added.
/// </summary>
public sealed class CsvImporter(IConnectionFactory connections, TimeProvider clock)
{
    private const int ProgressEvery = 5_000;

    /// <param name="progress">Receives the number of rows written so far, every few thousand rows.</param>
    public async Task<ImportResult> ImportAsync(ImportKind kind, string path, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var file = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            throw new InputRejectedException(file, [new RowError(file, 0, $"file not found: {Path.GetFullPath(path)}")]);
        }
        DapperSetup.EnsureRegistered();
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var known = kind == ImportKind.Gemeenten ? null : await LoadKnownAsync(connection).ConfigureAwait(false);

        var (write, columns, key, parse) = Describe(kind, known);
        var (rows, errors) = CsvFile.Read(path, columns);
        var errorList = errors.ToList();
        var parsed = new List<object>(rows.Count);
        var firstLineOfKey = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var reasons = new List<string>();
            var record = parse(row, reasons);
            if (record is not null && !firstLineOfKey.TryAdd(key(record), row.Line))
            {
                reasons.Add($"{key(record)} appears twice in the file (also on line {firstLineOfKey[key(record)]})");
            }
            if (reasons.Count > 0)
            {
                errorList.Add(new RowError(file, row.Line, string.Join("; ", reasons)));
            }
            else
            {
                parsed.Add(record!);
            }
        }
        if (errorList.Count > 0)
        {
            throw new InputRejectedException(file, errorList.OrderBy(e => e.Line).ToList());
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        for (var offset = 0; offset < parsed.Count; offset += ProgressEvery)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await connection.ExecuteAsync(write, parsed.Skip(offset).Take(ProgressEvery).Select(Parameters), transaction).ConfigureAwait(false);
            progress?.Report(Math.Min(offset + ProgressEvery, parsed.Count));
        }
        await connection.ExecuteAsync(
            "INSERT INTO imports (kind, file_name, sha256, row_count, imported_at) VALUES (@Kind, @File, @Sha256, @Rows, @At)",
            new
            {
                Kind = kind.ToString().ToLowerInvariant(),
                File = file,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false))),
                Rows = parsed.Count,
                At = clock.GetUtcNow(),
            },
            transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new ImportResult(kind, file, parsed.Count);
    }

    private static async Task<KnownCodes> LoadKnownAsync(DbConnection connection)
    {
        var municipalities = (await connection.QueryAsync<string>("SELECT code FROM municipalities").ConfigureAwait(false))
            .Select(MunicipalityCode.Parse).ToHashSet();
        var schools = (await connection.QueryAsync<(string Brin, string Vestiging)>("SELECT brin, vestiging FROM school_locations").ConfigureAwait(false))
            .Select(s => SchoolLocationId.TryCreate(s.Brin, s.Vestiging, out var id) ? id : throw new InvalidOperationException($"Stored school {s.Brin}{s.Vestiging} is malformed."))
            .ToHashSet();
        return new KnownCodes(municipalities, schools);
    }

    private static (string Write, string[] Columns, Func<object, string> Key, Func<CsvRow, List<string>, object?> Parse) Describe(ImportKind kind, KnownCodes? known) =>
        kind switch
        {
            ImportKind.Gemeenten => (WriteMunicipality, RowParsers.GemeentenColumns,
                r => ((Municipality)r).Code.Value, (row, reasons) => RowParsers.Municipality(row, reasons)),
            ImportKind.Scholen => (WriteSchool, RowParsers.ScholenColumns,
                r => ((SchoolLocation)r).Id.ToString(), (row, reasons) => RowParsers.School(row, known!, reasons)),
            ImportKind.Leerlingen => (WritePupilCount, RowParsers.LeerlingenColumns,
                r => PupilKey((PupilCount)r), (row, reasons) => RowParsers.PupilCount(row, known!, reasons)),
            ImportKind.Beschikkingen => (WriteBeschikking, RowParsers.BeschikkingenColumns,
                r => ((Beschikking)r).Number, (row, reasons) => RowParsers.Beschikking(row, known!, reasons)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };

    private static string PupilKey(PupilCount p) =>
        string.Create(CultureInfo.InvariantCulture, $"{p.Peildatum:yyyy-MM-dd} {p.School} {p.Residence}");

    private static object Parameters(object record) => record switch
    {
        Municipality m => new { Code = m.Code.Value, m.Name, m.Address, m.PostalCode, m.City },
        SchoolLocation s => new { s.Id.Brin, s.Id.Vestiging, s.Name, s.BoardNumber, s.BoardName, Municipality = s.Municipality.Value, Sector = s.Sector.ToString() },
        PupilCount p => new { p.Peildatum, p.School.Brin, p.School.Vestiging, Municipality = p.Residence.Value, Pupils = p.Count },
        Beschikking b => new
        {
            b.Number, b.Client, Municipality = b.Residence.Value, b.School.Brin, b.School.Vestiging, b.Provider, b.Category,
            Law = b.Law.ToString(), b.HoursPerWeek, Start = b.Active.Start, End = b.Active.End,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(record)),
    };

    // Update-then-insert instead of delete-then-insert: rows may be referenced by others (schools by
    // pupil counts), and the same two statements run unchanged on SQLite and SQL Server.
    private const string WriteMunicipality = """
        UPDATE municipalities SET name = @Name, address = @Address, postal_code = @PostalCode, city = @City WHERE code = @Code;
        INSERT INTO municipalities (code, name, address, postal_code, city)
        SELECT @Code, @Name, @Address, @PostalCode, @City WHERE NOT EXISTS (SELECT 1 FROM municipalities WHERE code = @Code);
        """;

    private const string WriteSchool = """
        UPDATE school_locations SET name = @Name, board_number = @BoardNumber, board_name = @BoardName, municipality_code = @Municipality, sector = @Sector
        WHERE brin = @Brin AND vestiging = @Vestiging;
        INSERT INTO school_locations (brin, vestiging, name, board_number, board_name, municipality_code, sector)
        SELECT @Brin, @Vestiging, @Name, @BoardNumber, @BoardName, @Municipality, @Sector
        WHERE NOT EXISTS (SELECT 1 FROM school_locations WHERE brin = @Brin AND vestiging = @Vestiging);
        """;

    private const string WritePupilCount = """
        UPDATE pupil_counts SET pupils = @Pupils
        WHERE peildatum = @Peildatum AND brin = @Brin AND vestiging = @Vestiging AND municipality_code = @Municipality;
        INSERT INTO pupil_counts (peildatum, brin, vestiging, municipality_code, pupils)
        SELECT @Peildatum, @Brin, @Vestiging, @Municipality, @Pupils
        WHERE NOT EXISTS (SELECT 1 FROM pupil_counts WHERE peildatum = @Peildatum AND brin = @Brin AND vestiging = @Vestiging AND municipality_code = @Municipality);
        """;

    private const string WriteBeschikking = """
        UPDATE beschikkingen SET client = @Client, municipality_code = @Municipality, brin = @Brin, vestiging = @Vestiging, provider = @Provider,
            category = @Category, law = @Law, hours_per_week = @HoursPerWeek, start_date = @Start, end_date = @End
        WHERE number = @Number;
        INSERT INTO beschikkingen (number, client, municipality_code, brin, vestiging, provider, category, law, hours_per_week, start_date, end_date)
        SELECT @Number, @Client, @Municipality, @Brin, @Vestiging, @Provider, @Category, @Law, @HoursPerWeek, @Start, @End
        WHERE NOT EXISTS (SELECT 1 FROM beschikkingen WHERE number = @Number);
        """;
}
