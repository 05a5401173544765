using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Data.Database;

namespace Beschikbaarheid.Data.Settlement;

/// <summary>
/// Makes beschikkingen of stored rows, each repeated value parsed once: a region's 200,000 rows name a few hundred
/// municipalities, schools, providers and categories, so a code is looked up by its characters and made only the first
/// time it is seen. Values come as strings from the provider's reader or as UTF-8 bytes straight from SQLite.
/// </summary>
internal sealed class BeschikkingRows
{
    private readonly Interned<MunicipalityCode> _municipalities = new(MunicipalityCode.Parse);
    private readonly Interned<SchoolLocationId> _schools = new(StoredCodes.School);
    private readonly Interned<Law> _laws = new(Enum.Parse<Law>);
    // Providers and categories: one string each for the whole region instead of one per row.
    private readonly Interned<string> _texts = new(text => text);

    public List<Beschikking> Found { get; } = [];

    /// <summary>The school of a row of <see cref="Add(SqliteRows, SchoolLocationId)"/>'s columns, made once per school.</summary>
    public SchoolLocationId School(SqliteRows row) => _schools.Of(row.Utf8(3), row.Utf8(4));

    /// <summary>A row of the columns number, client, municipality_code, brin, vestiging, provider, category, law, hours_per_week, start_date, end_date, with its <see cref="School"/>.</summary>
    public void Add(SqliteRows row, SchoolLocationId school) =>
        Found.Add(new Beschikking(
            row.String(0), row.String(1), _municipalities.Of(row.Utf8(2)), school,
            _texts.Of(row.Utf8(5)), _texts.Of(row.Utf8(6)), _laws.Of(row.Utf8(7)),
            row.Decimal(8), new ActivePeriod(row.Date(9), row.IsNull(10) ? null : row.Date(10))));

    /// <summary>The same row as the provider's reader gives it.</summary>
    public void Add(string number, string client, string municipality, string brin, string vestiging, string provider, string category, string law, decimal hours, DateOnly start, DateOnly? end) =>
        Found.Add(new Beschikking(
            number, client, _municipalities.Of(municipality), _schools.Of($"{brin}{Interned<SchoolLocationId>.Separator}{vestiging}"),
            _texts.Of(provider), _texts.Of(category), _laws.Of(law), hours, new ActivePeriod(start, end)));
}
