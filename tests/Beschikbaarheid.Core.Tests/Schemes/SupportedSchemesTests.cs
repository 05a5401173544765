using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Core.Schemes;
using Beschikbaarheid.Core.Settlement;
using static Beschikbaarheid.Core.Tests.Settlement.SchemeBuilder;

namespace Beschikbaarheid.Core.Tests.Schemes;

/// <summary>The table of what this version settles answers each combination by its rule; settlement refuses by it.</summary>
public class SupportedSchemesTests
{
    [Theory]
    [InlineData("children", "lead")]
    [InlineData("children", "none")]
    public void PerChildPool_IsSharedByItsChildren_UnderALeadOrNoInvoices(string key, string flow) =>
        Assert.True(SupportedSchemes.IsSupported("per-child", key, flow));

    [Theory]
    [InlineData("pupils", "lead")]
    [InlineData("pupils", "none")]
    [InlineData("blend", "lead")]
    [InlineData("children", "cashier")]
    public void PerChildPool_WithAnotherKeyOrACashier_IsNot(string key, string flow) =>
        Assert.False(SupportedSchemes.IsSupported("per-child", key, flow));

    [Theory]
    [InlineData("pupils", "lead")]
    [InlineData("pupils", "none")]
    [InlineData("children", "lead")]
    [InlineData("children", "none")]
    [InlineData("blend", "lead")]
    [InlineData("blend", "none")]
    public void DrawingRights_AreSharedByPupilsChildrenOrABlend_UnderALeadOrNoInvoices(string key, string flow) =>
        Assert.True(SupportedSchemes.IsSupported("drawing-rights", key, flow));

    [Theory]
    [InlineData("pupils")]
    [InlineData("children")]
    [InlineData("blend")]
    public void DrawingRights_UnderACashier_AreNot(string key) =>
        Assert.False(SupportedSchemes.IsSupported("drawing-rights", key, "cashier"));

    [Fact]
    public void FixedBudget_IsSplitByPupils_AndPaidOutByACashier() =>
        Assert.True(SupportedSchemes.IsSupported("fixed-budget", "pupils", "cashier"));

    [Theory]
    [InlineData("pupils", "lead")]
    [InlineData("pupils", "none")]
    [InlineData("children", "cashier")]
    [InlineData("blend", "cashier")]
    public void FixedBudget_OtherwiseIsNot(string key, string flow) =>
        Assert.False(SupportedSchemes.IsSupported("fixed-budget", key, flow));

    [Fact]
    public void TheTable_HoldsTwelveCombinations_OfKnownTypesOnly()
    {
        Assert.Equal(12, SupportedSchemes.Combinations.Count);
        Assert.All(SupportedSchemes.Combinations, c =>
        {
            Assert.NotNull(SupportedSchemes.PoolRule(c.Pool));
            Assert.NotNull(SupportedSchemes.KeyRule(c.Key));
            Assert.NotNull(SupportedSchemes.FlowRule(c.Flow));
        });
    }

    [Fact]
    public void Refusal_NamesTheCombination_AndWhatIsSupported()
    {
        Assert.Null(SupportedSchemes.Refusal("per-child", "children", "lead"));
        Assert.Equal(
            "a per-child pool with the pupils key and the lead flow is not supported (supported: per-child × children × lead or none; "
            // Grouped by pool in the table's order, flows shared by keys put together: drawing-rights' pupils also has funder.
            + "drawing-rights × pupils × lead, none or funder; drawing-rights × children or blend × lead or none; fixed-budget × pupils × cashier or funder; "
            + "estimate × estimate × lead)",
            SupportedSchemes.Refusal("per-child", "pupils", "lead"));
    }

    [Fact]
    public void AnEstimatePool_IsSplitByItsEstimate_AndInvoicedByALead()
    {
        Assert.True(SupportedSchemes.IsSupported("estimate", "estimate", "lead"));
        Assert.False(SupportedSchemes.IsSupported("estimate", "estimate", "none"));
        Assert.False(SupportedSchemes.IsSupported("estimate", "children", "lead"));
        Assert.False(SupportedSchemes.IsSupported("per-child", "estimate", "lead"));
        Assert.Equal(["type", "hourlyRate", "schoolWeeks"], SupportedSchemes.PoolRule("estimate")!.Known);
        Assert.Contains(new OptionalKey("recipient", "none"), SupportedSchemes.FlowRule("lead")!.Optional);
        Assert.Equal(["board", "name", "iban"], SupportedSchemes.FixedRule("flow.recipient").Required);
    }

    [Fact]
    public void ABlend_WeighsOnlyPupilsAndChildren()
    {
        Assert.Null(SupportedSchemes.Refusal("drawing-rights", "blend", "lead", ["pupils", "children"]));
        Assert.Equal("a blend of the blend key is not supported (a blend weighs children or pupils keys)",
            SupportedSchemes.Refusal("drawing-rights", "blend", "lead", ["pupils", "blend"]));
    }

    [Fact]
    public void Sections_NameTheirRequiredKeys_AndOptionalOnesWithDefaults()
    {
        Assert.Equal(["type", "thresholdHoursPerWeek", "normHoursPerWeek", "hourlyRate", "schoolWeeks"], SupportedSchemes.PoolRule("per-child")!.Known);
        Assert.Contains(new OptionalKey("referenceYears", "1"), SupportedSchemes.PoolRule("drawing-rights")!.Optional);
        Assert.Contains(new OptionalKey("maskedCountValue", "2.5"), SupportedSchemes.KeyRule("pupils")!.Optional);
        Assert.Contains(new OptionalKey("paymentDay", "15"), SupportedSchemes.FlowRule("cashier")!.Optional);
        Assert.Contains(new OptionalKey("balanceThresholdPct", "10"), SupportedSchemes.FlowRule("none")!.Optional);
        Assert.Equal(["lead"], SupportedSchemes.FlowRule("lead")!.Required);
        Assert.Equal(["iban", "paymentTermDays", "vatStatement", "debtorReferences"], SupportedSchemes.FixedRule("invoice").Known);
        Assert.Null(SupportedSchemes.PoolRule("per-kind"));
    }

    [Fact]
    public void Settlement_RefusesAnUnsupportedScheme_InTheTablesWords()
    {
        var nijmegen = Nijmegen2019();
        var terms = nijmegen.TermsFor(2026) with { Key = new PupilsKey(2.5m) };
        var scheme = new Scheme(nijmegen.Id, nijmegen.Name, nijmegen.StartYear, terms);
        var error = Assert.Throws<NotSupportedException>(() => MonthlySettlement.Calculate(scheme, new YearMonth(2026, 3), []));
        Assert.Equal($"Scheme {scheme.Id}: {SupportedSchemes.Refusal("per-child", "pupils", "lead")}; nothing issued.", error.Message);
    }

    [Fact]
    public void Settlement_RefusesAPerChildPoolUnderACashier_ForCorrectionsToo()
    {
        var nijmegen = Nijmegen2019();
        var terms = nijmegen.TermsFor(2026) with { Flow = new CashierFlow(Nijmegen, NonParticipants.Gap, [new GapFund("VSV", Money.Zero)]) };
        var scheme = new Scheme(nijmegen.Id, nijmegen.Name, nijmegen.StartYear, terms);
        var error = Assert.Throws<NotSupportedException>(() =>
            MonthlySettlement.EntriesOfMonths(scheme, [new YearMonth(2026, 1)], new SettlementInputs([], [], [])).ToList());
        Assert.Contains("a per-child pool with the children key and the cashier flow is not supported", error.Message, StringComparison.Ordinal);
    }
}
