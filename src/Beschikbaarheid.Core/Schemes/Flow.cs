using Beschikbaarheid.Core.Registry;

namespace Beschikbaarheid.Core.Schemes;

/// <summary>Who pays whom.</summary>
public abstract record Flow;

/// <summary>
/// The lead municipality (<i>penvoerder</i>) pays the providers and invoices every other participant
/// for its share; its own share is counted but never invoiced.
/// </summary>
public sealed record LeadFlow(MunicipalityCode Lead) : Flow;

/// <summary>
/// No invoices between municipalities; a balance report shows per municipality what the locations on its
/// territory cost against what its residents use, flagged above <paramref name="BalanceThresholdPct"/> percent.
/// </summary>
public sealed record NoneFlow(decimal BalanceThresholdPct) : Flow;
