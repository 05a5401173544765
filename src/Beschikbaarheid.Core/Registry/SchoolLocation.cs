namespace Beschikbaarheid.Core.Registry;

public enum Sector { PO, SBO, SO, VSO, VO, PRO, MBO }

/// <summary>A school location with the board (<i>bestuur</i>) it belongs to and the municipality it lies in.</summary>
public sealed record SchoolLocation(
    SchoolLocationId Id,
    string Name,
    string BoardNumber,
    string BoardName,
    MunicipalityCode Municipality,
    Sector Sector);
