using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Reports.Xlsx;

namespace Beschikbaarheid.Reports.Settlement;

/// <summary>
/// The allocation sheet (<i>verdeelstaat</i>) of one scheme and month: per municipality its key figures,
/// share, annual amount, this month and year to date; per school location its figures; and the children
/// who stay on individual beschikkingen. Totals and shares are live formulas.
/// </summary>
public static class AllocationWorkbook
{
    public static void Write(IssuedSettlement settlement, string path, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        var run = settlement.Run;
        var basis = Dutch.Basis(run.BasisUnit);
        // A merged-away municipality's lines are on its successor's invoice: its row names that invoice too.
        var invoiceOf = settlement.Invoices
            .SelectMany(i => i.Lines.Select(l => (Municipality: l.Residence ?? i.Debtor, i.Number)).Append((Municipality: i.Debtor, i.Number)))
            .DistinctBy(x => x.Municipality)
            .ToDictionary(x => x.Municipality, x => x.Number);
        var outside = run.Calculation?.NonParticipants;
        // Children are counted beside child-days; under the pupils key the count would only repeat the pupils.
        var withChildren = run.BasisUnit == BasisUnit.ChildDays;
        // The letter of a column from D on, which moves one to the left without the children column.
        char Col(char letter) => withChildren ? letter : (char)(letter - 1);
        using var workbook = XlsxWorkbook.Create(path, settlement.IsConcept ? Dutch.ConceptMark : null);

        // Landscape A4 holds about 1007 px at 100%; these 11 columns take 7 × 158 + 5 × 11 = 1161 px (87%). Headers wrap
        // between words (a word longer than its column is hyphenated); names and remarks fit their column on one line,
        // so a row stays one line high, and wrap only when unusually long.
        double[] widths = withChildren ? [11, 26, 9, 13, 9, 14, 14, 14, 17, 19, 12] : [11, 26, 13, 9, 14, 14, 14, 17, 19, 12];
        using (var sheet = workbook.AddSheet("Verdeelstaat", widths, frozenRows: 5 + AllocationFunders.RowCount(settlement), landscape: true))
        {
            sheet.TallRow(22, XlsxCell.Of(Dutch.Title(settlement, $"Verdeelstaat {run.SchemeName}"), XlsxStyle.Title));
            sheet.Row(XlsxCell.Of("Regeling", XlsxStyle.Bold), XlsxCell.Of(run.SchemeId), XlsxCell.Of("Periode", XlsxStyle.Bold), XlsxCell.Of(Dutch.Period(run)));
            sheet.Row(XlsxCell.Of("Afrekening", XlsxStyle.Bold), XlsxCell.Of($"{run.Id}, {Dutch.Created(run.CreatedAt, zone)}, {run.StartedBy}; invoer {InvoiceWorkbook.Short(run.InputFingerprint)}"));
            sheet.Skip();
            AllocationFunders.Write(sheet, settlement);
            sheet.Row([
                Header("Gemeente-\ncode"), Header("Gemeente"), .. withChildren ? new[] { HeaderRight("Kinderen") } : [], HeaderRight($"Grondslag ({basis})"), HeaderRight("Aandeel"),
                HeaderRight(run.Kind == SettlementKind.Voorschot && run.BasisUnit == BasisUnit.ChildDays ? "Jaarbedrag (prognose)" : "Jaarbedrag"),
                HeaderRight(run.Kind == SettlementKind.Voorschot ? "Deze maand" : "Eindafrekening"),
                HeaderRight(run.Kind == SettlementKind.Voorschot ? "Jaar t/m deze maand" : "Jaar totaal"),
                Header("Gefactureerd"), Header("Factuurnummer"), Header("Toelichting")]);
            var first = sheet.RowNumber + 1;
            var last = first + settlement.Allocation.Count - 1;
            var totalBasis = settlement.Allocation.Sum(a => a.Basis);
            foreach (var row in settlement.Allocation)
            {
                var r = sheet.RowNumber + 1;
                sheet.Row([
                    XlsxCell.Of(row.Municipality.Value),
                    XlsxCell.Of(Dutch.Municipality(settlement.Municipalities, row.Municipality), XlsxStyle.Wrap),
                    .. withChildren ? new[] { XlsxCell.Of(row.Children, XlsxStyle.Integer) } : [],
                    XlsxCell.Of(row.Basis, run.BasisUnit == BasisUnit.HoursPerWeek ? XlsxStyle.Fte : XlsxStyle.Integer),
                    XlsxCell.Formula($"IF({Col('D')}${last + 1}=0,0,{Col('D')}{r}/{Col('D')}${last + 1})", totalBasis == 0 ? 0 : decimal.Round(row.Basis / totalBasis, 10), XlsxStyle.Percent),
                    XlsxCell.Of(row.AnnualProjection.Euros, XlsxStyle.Euro),
                    XlsxCell.Of(row.Month.Euros, XlsxStyle.Euro),
                    XlsxCell.Of(settlement.YearToDate.GetValueOrDefault(row.Municipality).Euros, XlsxStyle.Euro),
                    XlsxCell.Of(row.Invoiced ? "ja" : settlement.Statement is not null ? "nee (kassier)" : settlement.Invoices.Count > 0 ? "nee (penvoerder)" : "nee", XlsxStyle.Center),
                    XlsxCell.Of(invoiceOf.GetValueOrDefault(row.Municipality)),
                    Remark(row, outside, run.Calculation?.Method == CalculationMethod.LocationMonthByBlend, Dutch.Merger(settlement.Mergers, row.Municipality, settlement.DocumentDate))]);
            }
            sheet.AutoFilter(1, first - 1, widths.Length, last);
            sheet.Row([
                XlsxCell.Of("Totaal", XlsxStyle.Bold), XlsxCell.Empty,
                .. withChildren ? new[] { Sum('C', first, last, settlement.Allocation.Sum(a => a.Children), XlsxStyle.IntegerBold) } : [],
                Sum(Col('D'), first, last, totalBasis, XlsxStyle.IntegerBold),
                Sum(Col('E'), first, last, totalBasis == 0 ? 0 : 1, XlsxStyle.PercentBold),
                Sum(Col('F'), first, last, Money.Sum(settlement.Allocation.Select(a => a.AnnualProjection)).Euros, XlsxStyle.EuroBold),
                Sum(Col('G'), first, last, Money.Sum(settlement.Allocation.Select(a => a.Month)).Euros, XlsxStyle.EuroBold),
                Sum(Col('H'), first, last, Money.Sum(settlement.Allocation.Select(a => settlement.YearToDate.GetValueOrDefault(a.Municipality))).Euros, XlsxStyle.EuroBold)]);
            if (settlement.Allocation.Any(a => a.Estimated))
            {
                sheet.Skip();
                sheet.Note("Toelichting \"geschat\": leerlingental <5 (DUO), gewaardeerd volgens de regeling.", widths.Length);
            }
            if (run.BasisUnit == BasisUnit.ChildDays)
            {
                sheet.Skip();
                sheet.Note(
                    "Jaarbedrag (prognose): de kosten over het hele jaar volgens de beschikkingen die bij deze afrekening bekend waren; lopende beschikkingen tot het einde van het jaar.", widths.Length);
            }
        }

        // 7 × 152 + 5 × 8 = 1104 px: 91% in landscape; school and board names fit on one line, and wrap only when unusually long.
        double[] locationWidths = withChildren ? [14, 31, 47, 9, 13, 15, 8, 15] : [14, 31, 47, 13, 15, 8, 15];
        using (var sheet = workbook.AddSheet("Schoollocaties", locationWidths, frozenRows: 1, landscape: true))
        {
            // A drawing-rights scheme shows each location's FTE and annual budget beside its month.
            var drawingRights = settlement.Locations.Any(l => l.Fte is not null);
            XlsxCell[] labels = [Header("Schoollocatie"), Header("School"), Header("Bestuur"), .. withChildren ? new[] { HeaderRight("Kinderen") } : [],
                HeaderRight($"Grondslag ({basis})"), HeaderRight("Deze maand"), HeaderRight("FTE"), HeaderRight("Budget (jaar)")];
            var columns = labels.Length - (drawingRights ? 0 : 2);
            sheet.Row(labels[..columns]);
            var first = sheet.RowNumber + 1;
            foreach (var location in settlement.Locations)
            {
                settlement.Schools.TryGetValue(location.School, out var school);
                sheet.Row([
                    XlsxCell.Of(location.School.ToString()),
                    XlsxCell.Of(school?.Name ?? "", XlsxStyle.Wrap),
                    XlsxCell.Of(school is null ? "" : $"{school.BoardName} ({school.BoardNumber})", XlsxStyle.Wrap),
                    .. withChildren ? new[] { XlsxCell.Of(location.Children, XlsxStyle.Integer) } : [],
                    XlsxCell.Of(location.Basis, run.BasisUnit == BasisUnit.HoursPerWeek ? XlsxStyle.Fte : XlsxStyle.Integer),
                    XlsxCell.Of(location.Month.Euros, XlsxStyle.Euro),
                    .. drawingRights
                        ? new[] { XlsxCell.Of(location.Fte ?? 0m, XlsxStyle.Fte), XlsxCell.Of((location.AnnualBudget ?? Money.Zero).Euros, XlsxStyle.Euro) }
                        : [],
                ]);
            }
            var last = sheet.RowNumber;
            sheet.AutoFilter(1, first - 1, columns, last);
            sheet.Row([
                XlsxCell.Of("Totaal", XlsxStyle.Bold), XlsxCell.Empty, XlsxCell.Empty,
                .. withChildren ? new[] { Sum('D', first, last, settlement.Locations.Sum(l => l.Children), XlsxStyle.IntegerBold) } : [],
                Sum(Col('E'), first, last, settlement.Locations.Sum(l => l.Basis), XlsxStyle.IntegerBold),
                Sum(Col('F'), first, last, Money.Sum(settlement.Locations.Select(l => l.Month)).Euros, XlsxStyle.EuroBold),
                .. drawingRights
                    ? new[]
                    {
                        Sum(Col('G'), first, last, settlement.Locations.Sum(l => l.Fte ?? 0m), XlsxStyle.Fte),
                        Sum(Col('H'), first, last, Money.Sum(settlement.Locations.Select(l => l.AnnualBudget ?? Money.Zero)).Euros, XlsxStyle.EuroBold),
                    }
                    : [],
            ]);
        }

        if (outside is { Parts.Count: > 0 })
        {
            NonParticipantsSheet(workbook, settlement, outside);
        }

        using (var sheet = workbook.AddSheet("Individueel", [48, 12], frozenRows: 1))
        {
            sheet.Row(Header("Blijft op individuele beschikking omdat"), HeaderRight("Kinderen"));
            var first = sheet.RowNumber + 1;
            foreach (var count in settlement.Individual)
            {
                sheet.Row(XlsxCell.Of(Dutch.Reason(count.Reason)), XlsxCell.Of(count.Children, XlsxStyle.Integer));
            }
            var last = sheet.RowNumber;
            sheet.AutoFilter(1, first - 1, 2, last);
            sheet.Row(XlsxCell.Of("Totaal", XlsxStyle.Bold), Sum('B', first, last, settlement.Individual.Sum(i => i.Children), XlsxStyle.IntegerBold));
        }
    }

    /// <summary>The remark of a municipality's row: a merger that applies, an estimated count, and what it carries of non-participants' parts.</summary>
    private static XlsxCell Remark(AllocationRow row, NonParticipantsCalculation? outside, bool monthly, string? merger)
    {
        var remarks = new List<string>();
        if (merger is not null)
        {
            remarks.Add(merger);
        }
        if (row.Estimated)
        {
            remarks.Add("geschat");
        }
        var code = row.Municipality.Value;
        var taken = outside?.Parts.Sum(p => p.To.GetValueOrDefault(code)) ?? 0;
        if (taken != 0)
        {
            remarks.Add($"incl. {Dutch.Euro(new Money(taken))} van niet-deelnemers{(monthly ? " (deze maand)" : " (jaar)")}");
        }
        if (outside?.Parts.Any(p => p.Municipality == code && p.To.Count == 0) == true)
        {
            remarks.Add("niet-deelnemer, gefactureerd");
        }
        return remarks.Count == 0 ? XlsxCell.Empty : XlsxCell.Of(string.Join("; ", remarks), XlsxStyle.Wrap);
    }

    /// <summary>
    /// Each non-participant's part per location and where it went (the lead flow's <c>nonParticipants</c>): invoiced to
    /// itself, carried by the lead, or spread over the location's participants, with the amount each took over.
    /// </summary>
    private static void NonParticipantsSheet(XlsxWorkbook workbook, IssuedSettlement settlement, NonParticipantsCalculation outside)
    {
        var monthly = settlement.Run.Calculation?.Method == CalculationMethod.LocationMonthByBlend;
        double[] widths = [11, 24, 12, 11, 14, 60];
        using var sheet = workbook.AddSheet("Niet-deelnemers", widths, frozenRows: 3, landscape: true);
        var rule = outside.Mode switch
        {
            Core.Schemes.LeadNonParticipants.Lead => "de penvoerder draagt hun deel",
            Core.Schemes.LeadNonParticipants.Invoice => "zij worden voor hun deel gefactureerd als deelnemers",
            _ => "hun deel op een locatie is naar leerlingen verdeeld over de deelnemers met leerlingen op die locatie (zonder deelnemers daar: de penvoerder)",
        };
        sheet.Note($"Leerlingen uit niet-deelnemende gemeenten: {rule}.", widths.Length);
        sheet.Skip();
        sheet.Row(Header("Gemeente-\ncode"), Header("Gemeente"), Header("School-\nlocatie"),
            HeaderRight("Leerlingen"), HeaderRight(monthly ? "Deel (deze maand)" : "Deel (jaar)"), Header("Naar"));
        var first = sheet.RowNumber + 1;
        foreach (var part in outside.Parts)
        {
            var code = Core.Registry.MunicipalityCode.Parse(part.Municipality);
            var to = part.To.Count == 0
                ? "gefactureerd aan de gemeente zelf"
                : string.Join("; ", part.To.Select(t => $"{Dutch.Municipality(settlement.Municipalities, Core.Registry.MunicipalityCode.Parse(t.Key))} {Dutch.Euro(new Money(t.Value))}"));
            sheet.Row(
                XlsxCell.Of(part.Municipality), XlsxCell.Of(Dutch.Municipality(settlement.Municipalities, code), XlsxStyle.Wrap), XlsxCell.Of(part.School),
                XlsxCell.Of(part.Basis, XlsxStyle.Integer), XlsxCell.Of(new Money(part.Cents).Euros, XlsxStyle.Euro), XlsxCell.Of(to, XlsxStyle.Wrap));
        }
        var last = sheet.RowNumber;
        sheet.AutoFilter(1, first - 1, widths.Length, last);
        sheet.Row(XlsxCell.Of("Totaal", XlsxStyle.Bold), XlsxCell.Empty, XlsxCell.Empty,
            Sum('D', first, last, outside.Parts.Sum(p => p.Basis), XlsxStyle.IntegerBold),
            Sum('E', first, last, new Money(outside.Parts.Sum(p => p.Cents)).Euros, XlsxStyle.EuroBold));
    }

    private static XlsxCell Header(string label) => XlsxCell.Of(label, XlsxStyle.Header);

    /// <summary>A header over amounts or counts, right-aligned like them.</summary>
    private static XlsxCell HeaderRight(string label) => XlsxCell.Of(label, XlsxStyle.HeaderRight);

    private static XlsxCell Sum(char column, int first, int last, decimal value, XlsxStyle style) =>
        XlsxCell.Formula(last < first ? "0" : $"SUM({column}{first}:{column}{last})", value, style);
}
