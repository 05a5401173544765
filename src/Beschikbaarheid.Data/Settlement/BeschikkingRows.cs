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

    /// <summary>The school of a row of the columns number, client, municipality_code, brin, vestiging, …, made once per school.</summary>
    public SchoolLocationId School(SqliteRows row) => _schools.Of(row.Utf8(3), row.Utf8(4));

    /// <summary>A row's texts as SQLite holds them (UTF-8), with its numbers and its <see cref="School"/> already read.</summary>
    /// <remarks>May run on another thread than <see cref="School"/>: the two use none of the same lookups.</remarks>
    public void Add(
        ReadOnlySpan<byte> number, ReadOnlySpan<byte> client, ReadOnlySpan<byte> municipality, SchoolLocationId school,
        ReadOnlySpan<byte> provider, ReadOnlySpan<byte> category, ReadOnlySpan<byte> law, decimal hours, ActivePeriod active) =>
        Found.Add(new Beschikking(
            System.Text.Encoding.UTF8.GetString(number), System.Text.Encoding.UTF8.GetString(client), _municipalities.Of(municipality), school,
            _texts.Of(provider), _texts.Of(category), _laws.Of(law), hours, active));

    /// <summary>The same row as the provider's reader gives it.</summary>
    public void Add(string number, string client, string municipality, string brin, string vestiging, string provider, string category, string law, decimal hours, DateOnly start, DateOnly? end) =>
        Found.Add(new Beschikking(
            number, client, _municipalities.Of(municipality), _schools.Of($"{brin}{Interned<SchoolLocationId>.Separator}{vestiging}"),
            _texts.Of(provider), _texts.Of(category), _laws.Of(law), hours, new ActivePeriod(start, end)));
}
