using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;

namespace Beschikbaarheid.Data.Import;

/// <summary>
/// The municipalities and school locations already in the database, for checking references in memory,
/// and the counting dates a pupil count may have (1 October, or a date a scheme names).
/// </summary>
public sealed record KnownCodes(IReadOnlySet<MunicipalityCode> Municipalities, IReadOnlySet<SchoolLocationId> Schools, IReadOnlySet<CountingDate> CountingDates);
