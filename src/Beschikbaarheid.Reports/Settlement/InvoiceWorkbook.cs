using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Reports.Xlsx;

namespace Beschikbaarheid.Reports.Settlement;

/// <summary>
/// One invoice as a Dutch invoice workbook: issuer and debtor, the word Factuur, number, dates, period,
/// scheme, one line per school location, a live total, the scheme's VAT statement and how to pay.
/// </summary>
public static class InvoiceWorkbook
{
    public static void Write(IssuedSettlement settlement, IssuedInvoice invoice, string path)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        ArgumentNullException.ThrowIfNull(invoice);
        var run = settlement.Run;
        var names = settlement.Municipalities;
        var locationBasis = settlement.Locations.ToDictionary(l => l.School, l => l.Basis);

        // The rows above the lines are gathered first: the line header is frozen, and a streamed sheet
        // must name its frozen rows before its first row.
        List<XlsxCell[]> preamble =
        [
            [XlsxCell.Of(invoice.IsCreditNote ? "Creditnota" : "Factuur", XlsxStyle.Title)],
            [],
            [Label("Factuurnummer"), XlsxCell.Of(invoice.Number)],
            [Label("Factuurdatum"), XlsxCell.Of(invoice.InvoiceDate)],
            [Label("Vervaldatum"), XlsxCell.Of(invoice.DueDate)],
            [Label("Periode"), XlsxCell.Of(Dutch.Period(run))],
            [Label("Soort"), XlsxCell.Of(Dutch.Kind(run.Kind))],
            [Label("Regeling"), XlsxCell.Of($"{run.SchemeName} ({run.SchemeId})")],
            [],
            .. Party("Van", settlement, invoice.Issuer),
            .. Party("Aan", settlement, invoice.Debtor),
            [],
        ];

        using var workbook = XlsxWorkbook.Create(path);
        // A pupil count masked as <5 is valued by the scheme and marked on the line that uses it; a correction
        // or year end line says which month or year it concerns and which invoice it refers to.
        var explained = invoice.Lines.Any(l => l.Estimated || l.Kind != SettlementKind.Voorschot);
        using var sheet = workbook.AddSheet("Factuur", explained ? [22, 36, 22, 12, 18, 60] : [22, 36, 22, 12, 18], frozenRows: preamble.Count + 1);
        sheet.TallRow(22, preamble[0]);
        foreach (var row in preamble.Skip(1))
        {
            sheet.Row(row);
        }

        sheet.Row(
            XlsxCell.Of("Schoollocatie", XlsxStyle.Header), XlsxCell.Of("School", XlsxStyle.Header),
            XlsxCell.Of($"Grondslag ({Dutch.Basis(run.BasisUnit)})", XlsxStyle.Header), XlsxCell.Of("Aandeel", XlsxStyle.Header),
            XlsxCell.Of("Bedrag", XlsxStyle.Header), explained ? XlsxCell.Of("Toelichting", XlsxStyle.Header) : XlsxCell.Empty);
        var firstLine = sheet.RowNumber + 1;
        foreach (var line in invoice.Lines)
        {
            var total = locationBasis.GetValueOrDefault(line.School);
            sheet.Row(
                XlsxCell.Of(line.School.ToString()),
                XlsxCell.Of(Dutch.School(settlement.Schools, line.School)),
                XlsxCell.Of(line.Basis, XlsxStyle.Integer),
                total > 0 && line.Kind == SettlementKind.Voorschot ? XlsxCell.Of(decimal.Round(line.Basis / total, 6), XlsxStyle.Percent) : XlsxCell.Empty,
                XlsxCell.Of(line.Amount.Euros, XlsxStyle.Euro),
                Explanation(line) is { } text ? XlsxCell.Of(text) : XlsxCell.Empty);
        }
        var lastLine = sheet.RowNumber;
        sheet.AutoFilter(1, firstLine - 1, explained ? 6 : 5, lastLine);
        sheet.Row(
            XlsxCell.Of("Totaal", XlsxStyle.Bold), XlsxCell.Empty,
            XlsxCell.Formula($"SUM(C{firstLine}:C{lastLine})", invoice.Lines.Sum(l => l.Basis), XlsxStyle.IntegerBold), XlsxCell.Empty,
            XlsxCell.Formula($"SUM(E{firstLine}:E{lastLine})", invoice.Total.Euros, XlsxStyle.EuroBold));
        var settles = invoice.Lines
            .Where(l => l.Kind is SettlementKind.Vaststelling or SettlementKind.Creditnota && l.Reference is not null)
            .SelectMany(l => l.Reference!.Split(Entry.ReferenceSeparator))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        if (settles.Count > 0)
        {
            sheet.Skip();
            sheet.Row(Label("Verrekend met"), XlsxCell.Of($"{settles.Count} facturen over dit jaar:"));
            foreach (var number in settles)
            {
                sheet.Row(XlsxCell.Empty, XlsxCell.Of(number));
            }
        }
        sheet.Skip();
        sheet.Row(Label("Btw"), XlsxCell.Of(invoice.VatStatement));
        if (invoice.IsCreditNote)
        {
            sheet.Row(Label("Terugbetaling vóór"), XlsxCell.Of(invoice.DueDate));
            sheet.Row(XlsxCell.Empty, XlsxCell.Of($"{Dutch.Municipality(names, invoice.Issuer)} betaalt dit bedrag terug met kenmerk {invoice.Number}."));
        }
        else
        {
            sheet.Row(Label("Betalen vóór"), XlsxCell.Of(invoice.DueDate));
            sheet.Row(Label("IBAN"), XlsxCell.Of(invoice.Iban));
            sheet.Row(Label("Ten name van"), XlsxCell.Of(Dutch.Municipality(names, invoice.Issuer)));
            sheet.Row(Label("Betalingskenmerk"), XlsxCell.Of(invoice.Number));
            sheet.Row(XlsxCell.Empty, XlsxCell.Of("Vermeld bij betaling het factuurnummer als betalingskenmerk."));
        }
        sheet.Skip();
        sheet.Row(XlsxCell.Of($"Afrekening {run.Id}, aangemaakt {run.CreatedAt:dd-MM-yyyy HH:mm} (UTC) door {run.StartedBy}; invoer {Short(run.InputFingerprint)}."));
    }

    private static XlsxCell Label(string text) => XlsxCell.Of(text, XlsxStyle.Bold);

    private static string? Explanation(InvoiceLine line) =>
        string.Join("; ", new[] { Dutch.Explanation(line), line.Estimated ? "geschat: leerlingental <5 (DUO)" : null }.Where(t => t is not null)) is { Length: > 0 } text ? text : null;

    /// <summary>The first 12 hex digits of the input fingerprint: enough to tell runs apart on paper.</summary>
    internal static string Short(string fingerprint) => fingerprint.Length > 12 ? fingerprint[..12] : fingerprint;

    private static IEnumerable<XlsxCell[]> Party(string label, IssuedSettlement settlement, Core.Registry.MunicipalityCode code)
    {
        yield return [Label(label), XlsxCell.Of($"{Dutch.Municipality(settlement.Municipalities, code)} ({code})")];
        foreach (var line in AddressLines(settlement, code))
        {
            yield return [XlsxCell.Empty, XlsxCell.Of(line)];
        }
    }

    private static List<string> AddressLines(IssuedSettlement settlement, Core.Registry.MunicipalityCode code)
    {
        var lines = new List<string>();
        if (settlement.Municipalities.TryGetValue(code, out var m))
        {
            if (m.Address is not null)
            {
                lines.Add(m.Address);
            }
            var place = string.Join("  ", new[] { m.PostalCode, m.City }.Where(p => p is not null));
            if (place.Length > 0)
            {
                lines.Add(place);
            }
        }
        return lines;
    }
}
