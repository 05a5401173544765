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
        var municipalities = (await connection.QueryAsync<(string Code, string Name, string? Address, string? PostalCode, string? City)>(
                "SELECT code, name, address, postal_code, city FROM municipalities", transaction: transaction).ConfigureAwait(false))
            .Select(m => new Municipality(MunicipalityCode.Parse(m.Code), m.Name, m.Address, m.PostalCode, m.City))
            .ToDictionary(m => m.Code);
        var schools = (await connection.QueryAsync<(string Brin, string Vestiging, string Name, string BoardNumber, string BoardName, string Municipality, string Sector)>(
                "SELECT brin, vestiging, name, board_number, board_name, municipality_code, sector FROM school_locations", transaction: transaction).ConfigureAwait(false))
            .Select(s => new SchoolLocation(
                StoredCodes.School(s.Brin, s.Vestiging),
                s.Name, s.BoardNumber, s.BoardName, MunicipalityCode.Parse(s.Municipality), Enum.Parse<Sector>(s.Sector)))
            .ToDictionary(s => s.Id);
        return (municipalities, schools);
    }
}
