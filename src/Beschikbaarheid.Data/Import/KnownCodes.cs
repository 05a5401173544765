using Beschikbaarheid.Core.Registry;

namespace Beschikbaarheid.Data.Import;

/// <summary>The municipalities and school locations already in the database, for checking references in memory.</summary>
public sealed record KnownCodes(IReadOnlySet<MunicipalityCode> Municipalities, IReadOnlySet<SchoolLocationId> Schools);
