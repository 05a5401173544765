using Beschikbaarheid.Core.Registry;
using FsCheck;
using FsCheck.Fluent;

namespace Beschikbaarheid.Core.Tests.Registry;

/// <summary>
/// Codes hash by their characters as a number, not by the strings' hashing: two codes are still equal exactly when their
/// texts are, and equal codes hash alike, whichever way they were written in.
/// </summary>
public class CodeEqualityTests
{
    // Few values per character, so that generated pairs are often equal and often differ in one place only.
    private static readonly Gen<string> Brin =
        from d1 in Gen.Elements('0', '3') from d2 in Gen.Elements('0', '9') from l1 in Gen.Elements('A', 'b', 'Z') from l2 in Gen.Elements('a', 'B')
        select new string([d1, d2, l1, l2]);

    private static readonly Gen<string> Vestiging = from v1 in Gen.Elements('0', '1') from v2 in Gen.Elements('0', '9') select new string([v1, v2]);

    private static readonly Gen<string> Municipality = from g in Gen.Elements("GM", "gm", " Gm") from n in Gen.Choose(0, 12) select $"{g}{n * 833:0000}";

    [Fact]
    public void SchoolLocations_AreEqualExactlyWhenTheirTextIs_AndEqualOnesHashAlike()
    {
        var property = Prop.ForAll(
            Gen.Zip(Brin, Vestiging).ToArbitrary(), Gen.Zip(Brin, Vestiging).ToArbitrary(),
            (left, right) =>
            {
                Assert.True(SchoolLocationId.TryCreate(left.Item1, left.Item2, out var a));
                Assert.True(SchoolLocationId.TryCreate(right.Item1, right.Item2, out var b));
                var sameText = a.ToString() == b.ToString();
                return a.Equals(b) == sameText && (a == b) == sameText && (!sameText || a.GetHashCode() == b.GetHashCode());
            });
        Check.QuickThrowOnFailure(property);
    }

    [Fact]
    public void Municipalities_AreEqualExactlyWhenTheirCodeIs_AndEqualOnesHashAlike()
    {
        var property = Prop.ForAll(
            Municipality.ToArbitrary(), Municipality.ToArbitrary(),
            (left, right) =>
            {
                var (a, b) = (MunicipalityCode.Parse(left), MunicipalityCode.Parse(right));
                var sameText = a.Value == b.Value;
                return a.Equals(b) == sameText && (!sameText || a.GetHashCode() == b.GetHashCode());
            });
        Check.QuickThrowOnFailure(property);
    }

    [Fact]
    public void Parties_AreEqualExactlyWhenKindAndTextAre_AndEqualOnesHashAlike()
    {
        var funder = Gen.Elements("SWV-PO3003", "SWV-po3003", "Provincie");
        var party = Gen.OneOf(Municipality.Select(PartyCode.Parse), funder.Select(PartyCode.Parse));
        var property = Prop.ForAll(
            party.ToArbitrary(), party.ToArbitrary(),
            (a, b) =>
            {
                var same = a.IsFunder == b.IsFunder && a.Value == b.Value;
                return a.Equals(b) == same && (!same || a.GetHashCode() == b.GetHashCode());
            });
        Check.QuickThrowOnFailure(property);
    }

    [Fact]
    public void TheDefaultCodes_EqualNoCodeThatWasMade()
    {
        // GM0000 and 00AA00 are the codes whose digits are all zero: they are not "no code".
        Assert.NotEqual(default, MunicipalityCode.Parse("GM0000"));
        Assert.True(SchoolLocationId.TryCreate("00AA", "00", out var school));
        Assert.NotEqual(default, school);
        Assert.NotEqual(default, PartyCode.Parse("GM0000"));
    }
}
