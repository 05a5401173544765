namespace Beschikbaarheid.Core.Registry;

/// <summary>
/// Pupils at a school location living in one municipality on a Peildatum. DUO masks counts of 1–4 as
/// <c>&lt;5</c>: such a count has <see cref="Count"/> null and <see cref="Masked"/> set, and a key values
/// it by a scheme setting.
/// </summary>
/// <remarks>
/// Counts given per grade (<see cref="GradedPupilCount"/>) arrive summed over the grades: the known counts as one count,
/// and each masked grade as a masked count of its own beside it, since only the scheme knows what a masked count is worth.
/// Every reader sums a location's counts per residence, so a key sees the known pupils plus each masked grade at its value.
/// </remarks>
public sealed record PupilCount(DateOnly Peildatum, SchoolLocationId School, MunicipalityCode Residence, int? Count)
{
    public bool Masked => Count is null;
}
