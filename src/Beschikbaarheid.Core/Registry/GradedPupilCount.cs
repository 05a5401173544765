namespace Beschikbaarheid.Core.Registry;

/// <summary>
/// A pupil count as the pupils file gives it: with its grade (<i>leerjaar</i>, 1–8) when the file has that column,
/// without one (null) otherwise. Keys and drawing rights see the sum over grades (<see cref="PupilCount"/>); only a
/// scheme's reach looks at one grade.
/// </summary>
public sealed record GradedPupilCount(DateOnly Peildatum, SchoolLocationId School, MunicipalityCode Residence, int? Grade, int? Count)
{
    /// <summary>The highest grade: groep 8 of primary school.</summary>
    public const int HighestGrade = 8;

    public bool Masked => Count is null;
}
