using Beschikbaarheid.Core.Periods;

namespace Beschikbaarheid.Core.Registry;

/// <summary>The law a beschikking falls under; only the Jeugdwet is municipal money.</summary>
public enum Law { JW, WLZ, ZVW }

/// <summary>
/// One individual youth-care decision. <see cref="Client"/> is a pseudonym (never a BSN); it is used to
/// count distinct children and never leaves the engine in a workbook or journal.
/// </summary>
public sealed record Beschikking(
    string Number,
    string Client,
    MunicipalityCode Residence,
    SchoolLocationId School,
    string Provider,
    string Category,
    Law Law,
    decimal HoursPerWeek,
    ActivePeriod Active);
