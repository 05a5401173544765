using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Settlement;
using static Beschikbaarheid.Core.Tests.Settlement.SchemeBuilder;

namespace Beschikbaarheid.Core.Tests.Settlement;

public class InputFingerprintTests
{
    private static readonly YearMonth March = new(2026, 3);

    private static string Of(params Beschikking[] beschikkingen) =>
        InputFingerprint.Of(Nijmegen2019(), March, new SettlementInputs(beschikkingen, [], []));

    [Fact]
    public void SameInputs_InAnyOrder_GiveTheSameFingerprint()
    {
        var a = Beschikking("c1", Beuningen, StMaarten, 4m, new DateOnly(2026, 1, 1));
        var b = Beschikking("c2", BergEnDal, StMaarten, 6m, new DateOnly(2026, 2, 1));
        Assert.Equal(Of(a, b), Of(b, a));
        Assert.Equal(64, Of(a, b).Length);
    }

    [Fact]
    public void AChangedRow_GivesAnotherFingerprint()
    {
        var a = Beschikking("c1", Beuningen, StMaarten, 4m, new DateOnly(2026, 1, 1));
        Assert.NotEqual(Of(a), Of(a with { HoursPerWeek = 4.5m }));
        Assert.NotEqual(Of(a), Of(a with { Active = new ActivePeriod(a.Active.Start, new DateOnly(2026, 3, 15)) }));
    }
}
