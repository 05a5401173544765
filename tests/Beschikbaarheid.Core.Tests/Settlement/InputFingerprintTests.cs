using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Settlement;
using static Beschikbaarheid.Core.Tests.Settlement.SchemeBuilder;

namespace Beschikbaarheid.Core.Tests.Settlement;

public class InputFingerprintTests
{
    private static string Of(params Beschikking[] beschikkingen) =>
        InputFingerprint.Of(Nijmegen2019(), 2026, new SettlementInputs(beschikkingen, [], []));

    [Fact]
    public void SameInputs_InAnyOrder_GiveTheSameFingerprint()
    {
        var a = Beschikking("c1", Beuningen, StMaarten, 4m, new DateOnly(2026, 1, 1));
        var b = Beschikking("c2", BergEnDal, StMaarten, 6m, new DateOnly(2026, 2, 1));
        Assert.Equal(Of(a, b), Of(b, a));
        Assert.Equal(64, Of(a, b).Length);
    }

    [Fact]
    public void TheFingerprint_IsTheSha256OfTheCanonicalText_SoStoredFingerprintsStayComparable()
    {
        // The text form written out by hand: the terms' line, then one line per beschikking in number order, an open end empty.
        // Runs stored before the beschikkingen were hashed as bytes compare with runs after: the bytes are the same.
        var scheme = Nijmegen2019();
        var a = Beschikking("c1", Beuningen, StMaarten, 4.5m, new DateOnly(2026, 1, 1));
        var b = Beschikking("c2", BergEnDal, StMaarten, 6m, new DateOnly(2026, 2, 1)) with { Active = new ActivePeriod(new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 15)) };
        var terms = scheme.TermsFor(2026);
        var text = $"{scheme.Id}|2026|{InputFingerprint.Describe(terms.Pool)}|{InputFingerprint.Describe(terms.Key)}|{InputFingerprint.Describe(terms.Flow)}|{InputFingerprint.Describe(terms.Participation)}|"
            + string.Join(',', terms.Schools.Order()) + "|" + string.Join(',', terms.Participants.Order()) + "\n"
            + string.Join("", new[] { a, b }.OrderBy(x => x.Number, StringComparer.Ordinal).Select(x =>
                $"B|{x.Number}|{x.Client}|{x.Residence}|{x.School}|{x.Category}|{x.Law}|{x.HoursPerWeek.ToString(System.Globalization.CultureInfo.InvariantCulture)}|{x.Active.Start:yyyy-MM-dd}|{(x.Active.End is { } end ? end.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "")}\n"));
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
        Assert.Equal(expected, Of(b, a));
    }

    [Fact]
    public void AChangedRow_GivesAnotherFingerprint()
    {
        var a = Beschikking("c1", Beuningen, StMaarten, 4m, new DateOnly(2026, 1, 1));
        Assert.NotEqual(Of(a), Of(a with { HoursPerWeek = 4.5m }));
        Assert.NotEqual(Of(a), Of(a with { Active = new ActivePeriod(a.Active.Start, new DateOnly(2026, 3, 15)) }));
    }

    [Fact]
    public void AChangedParameterInsideADictionary_GivesAnotherFingerprint()
    {
        // A record prints a dictionary as its type name; the fingerprint must see the amounts themselves.
        Scheme Cashier(long budget) => new("s", "S", 2019, Nijmegen2019().TermsFor(2026) with
        {
            Pool = new FixedBudgetPool(new Dictionary<int, Money> { [2026] = new(budget) }, new HostsByFte(new Dictionary<SchoolLocationId, decimal> { [StMaarten] = 1m })),
            Key = new PupilsKey(2m),
            Flow = new CashierFlow(Nijmegen, NonParticipants.Gap, []),
        });
        var none = new SettlementInputs([], [], []);
        Assert.NotEqual(InputFingerprint.Of(Cashier(100), 2026, none), InputFingerprint.Of(Cashier(101), 2026, none));
        Assert.Contains("2026=1.00", InputFingerprint.Describe(Cashier(100).TermsFor(2026).Pool), StringComparison.Ordinal);
    }

    [Fact]
    public void AChangedFundersShare_GivesAnotherFingerprint_SoTheSettledMonthsAreCorrected()
    {
        // A funder's share changes every party's amount while no input row changes: the fingerprint must see it, or a run
        // after the last settled month would skip the review of the year (MonthlyRunPolicy).
        Assert.True(PartyCode.TryFunder("SWV-1", out var swv, out _));
        Scheme WithSwv(decimal percent) => new("s", "S", 2019, Nijmegen2019().TermsFor(2026) with
        {
            Funders = [new Funder(swv, "SWV", FunderKind.Swv, "NL12RABO0026010001", "Postbus 1, 1000 AA Ergens", new FunderPercent(percent))],
        });
        var none = new SettlementInputs([], [], []);

        Assert.NotEqual(InputFingerprint.Of(WithSwv(2.5m), 2026, none), InputFingerprint.Of(WithSwv(3m), 2026, none));
        Assert.NotEqual(InputFingerprint.Of(WithSwv(2.5m), 2026, none), InputFingerprint.Of(new Scheme("s", "S", 2019, Nijmegen2019().TermsFor(2026)), 2026, none));
    }
}
