namespace Beschikbaarheid.Core.Registry;

/// <summary>
/// Pupils at a school location living in one municipality on a Peildatum. DUO masks counts of 1–4 as
/// <c>&lt;5</c>: such a count has <see cref="Count"/> null and <see cref="Masked"/> set, and a key values
/// it by a scheme setting.
/// </summary>
public sealed record PupilCount(DateOnly Peildatum, SchoolLocationId School, MunicipalityCode Residence, int? Count)
{
    public bool Masked => Count is null;
}
