using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Data.Database;
using Dapper;
using System.Data.Common;

namespace Beschikbaarheid.Data.Settlement;

/// <summary>Names and addresses of municipalities and school locations, for checks and for what users read.</summary>
public sealed class RegistryReader(IConnectionFactory connections)
{
    public async Task<(IReadOnlyDictionary<MunicipalityCode, Municipality> Municipalities, IReadOnlyDictionary<SchoolLocationId, SchoolLocation> Schools)> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await LoadAsync(connection, null).ConfigureAwait(false);
    }

    /// <summary>The registry as the unit of work's transaction sees it.</summary>
    public static Task<(IReadOnlyDictionary<MunicipalityCode, Municipality> Municipalities, IReadOnlyDictionary<SchoolLocationId, SchoolLocation> Schools)> LoadAsync(SchemeTransaction session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return LoadAsync(session.Connection, session.Transaction);
    }

    internal static async Task<(IReadOnlyDictionary<MunicipalityCode, Municipality> Municipalities, IReadOnlyDictionary<SchoolLocationId, SchoolLocation> Schools)> LoadAsync(DbConnection connection, DbTransaction? transaction)
    {
        var municipalities = (await connection.QueryAsync<MunicipalityRow>(
                """
                SELECT code AS Code, name AS Name, address AS Address, postal_code AS PostalCode, city AS City,
                    oin AS Oin, iban AS Iban, contact_person AS ContactPerson, email AS Email
                FROM municipalities
                """, transaction: transaction).ConfigureAwait(false))
            .Select(m => new Municipality(MunicipalityCode.Parse(m.Code), m.Name, m.Address, m.PostalCode, m.City)
            {
                Oin = m.Oin,
                Iban = m.Iban is null ? null : Iban.Parse(m.Iban),
                ContactPerson = m.ContactPerson,
                Email = m.Email,
            })
            .ToDictionary(m => m.Code);
        var schools = (await connection.QueryAsync<(string Brin, string Vestiging, string Name, string BoardNumber, string BoardName, string Municipality, string Sector)>(
                "SELECT brin, vestiging, name, board_number, board_name, municipality_code, sector FROM school_locations", transaction: transaction).ConfigureAwait(false))
            .Select(s => new SchoolLocation(
                StoredCodes.School(s.Brin, s.Vestiging),
                s.Name, s.BoardNumber, s.BoardName, MunicipalityCode.Parse(s.Municipality), Enum.Parse<Sector>(s.Sector)))
            .ToDictionary(s => s.Id);
        return (municipalities, schools);
    }

    /// <summary>A stored municipality as Dapper reads it (more columns than a value tuple maps).</summary>
    private sealed class MunicipalityRow
    {
        public string Code { get; set; } = "";
        public string Name { get; set; } = "";
        public string? Address { get; set; }
        public string? PostalCode { get; set; }
        public string? City { get; set; }
        public string? Oin { get; set; }
        public string? Iban { get; set; }
        public string? ContactPerson { get; set; }
        public string? Email { get; set; }
    }
}
