using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Reports.Xlsx;

namespace Beschikbaarheid.Reports.Settlement;

/// <summary>
/// One invoice as a Dutch invoice workbook: sender (with contact) and addressee, the word Factuur or Creditnota with
/// its own words for number, date and settling, period, scheme and agreement, the debtor's reference, how the amounts
/// are computed (<see cref="InvoiceComputation"/>), one line per school location with the figures of that computation,
/// a live total, the scheme's VAT statement and how to pay or what is credited.
/// </summary>
public static class InvoiceWorkbook
{
    public static void Write(IssuedSettlement settlement, IssuedInvoice invoice, string path, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        ArgumentNullException.ThrowIfNull(invoice);
        var run = settlement.Run;
        var names = settlement.Municipalities;
        var credit = invoice.IsCreditNote;
        var computation = new InvoiceComputation(settlement, invoice);
        var figures = computation.FigureColumns();
        // A line that is not the month's own advance (a correction, a year end, a value estimated for a masked count) says so.
        var explained = invoice.Lines.Any(l => l.Estimated || l.Kind != SettlementKind.Voorschot);
        List<double> widths = [10, 31, .. figures.Select(f => f.Width), 14];
        if (explained)
        {
            widths.Add(30);
        }
        var columns = widths.Count;
        var corrected = CorrectedInvoices(invoice);

        List<XlsxCell[]> preamble =
        [
            [XlsxCell.Of(Dutch.Title(settlement, credit ? "Creditnota" : "Factuur"), XlsxStyle.Title)],
            [],
            [Label(credit ? "Creditnotanummer" : "Factuurnummer"), XlsxCell.Empty, XlsxCell.Of(invoice.Number)],
            [Label(credit ? "Datum creditnota" : "Factuurdatum"), XlsxCell.Empty, XlsxCell.Of(invoice.InvoiceDate)],
            [Label(credit ? "Te verrekenen vóór" : "Vervaldatum"), XlsxCell.Empty, XlsxCell.Of(invoice.DueDate)],
            [Label("Periode"), XlsxCell.Empty, XlsxCell.Of(Dutch.Period(run))],
            [Label("Soort"), XlsxCell.Empty, XlsxCell.Of(Kind(run, invoice))],
            [Label("Regeling"), XlsxCell.Empty, XlsxCell.Of($"{run.SchemeName} ({run.SchemeId})")],
            .. run.Agreement is { } agreement ? new[] { new[] { Label("Overeenkomst"), XlsxCell.Empty, XlsxCell.Of(agreement) } } : [],
            .. invoice.BuyerReference is { } reference ? new[] { new[] { Label("Uw kenmerk"), XlsxCell.Empty, XlsxCell.Of(reference) } } : [],
            .. credit && corrected.Count > 0 ? new[] { new[] { Label("Corrigeert"), XlsxCell.Empty, XlsxCell.Of(Corrects(corrected)) } } : [],
            [],
            .. Party("Van", settlement, invoice.Issuer, withContact: true),
            .. Party("Aan", settlement, invoice.Debtor, withContact: false),
            [],
        ];

        var method = computation.Method();
        using var workbook = XlsxWorkbook.Create(path, settlement.IsConcept ? Dutch.ConceptMark : null);
        // A column of w characters takes about 7w + 5 pixels; upright A4 has 679 printable pixels at 100%.
        var landscape = widths.Sum(w => 7 * w + 5) * MinimumScale > PortraitPixels;
        // Not frozen: the rows above the lines are a page high on a laptop screen, and freezing them left no room to scroll the lines.
        using var sheet = workbook.AddSheet(credit ? "Creditnota" : "Factuur", widths, landscape: landscape);
        sheet.TallRow(22, preamble[0]);
        foreach (var row in preamble.Skip(1))
        {
            sheet.Row(row);
        }
        if (method.Count > 0)
        {
            sheet.Row(Label("Berekening"));
            foreach (var paragraph in method)
            {
                sheet.Note(paragraph, columns);
            }
            sheet.Skip();
        }

        var amountColumn = 3 + figures.Count;
        sheet.Row(
        [
            XlsxCell.Of("Locatie", XlsxStyle.Header), XlsxCell.Of("School", XlsxStyle.Header),
            .. figures.Select(f => XlsxCell.Of(f.Header, f.Numeric ? XlsxStyle.HeaderRight : XlsxStyle.Header)),
            XlsxCell.Of("Bedrag", XlsxStyle.HeaderRight),
            .. explained ? new[] { XlsxCell.Of("Toelichting", XlsxStyle.Header) } : [],
        ]);
        var firstLine = sheet.RowNumber + 1;
        // One array for every line (the sheet writes a row before it returns): a national month has 70,000 lines.
        var cells = new XlsxCell[columns];
        foreach (var line in invoice.Lines)
        {
            cells[0] = XlsxCell.Of(line.School.ToString());
            cells[1] = XlsxCell.Of(Dutch.School(settlement.Schools, line.School), XlsxStyle.Wrap);
            for (var f = 0; f < figures.Count; f++)
            {
                cells[2 + f] = figures[f].Cell(line);
            }
            cells[2 + figures.Count] = XlsxCell.Of(line.Amount.Euros, XlsxStyle.Euro);
            if (explained)
            {
                cells[3 + figures.Count] = Explanation(line) is { } text ? XlsxCell.Of(text, XlsxStyle.Wrap) : XlsxCell.Empty;
            }
            sheet.Row(cells);
        }
        var lastLine = sheet.RowNumber;
        sheet.AutoFilter(1, firstLine - 1, columns, lastLine);
        var amountLetter = XlsxWorkbook.ColumnName(amountColumn);
        sheet.Row(
        [
            XlsxCell.Of(credit ? "Totaal te verrekenen" : "Totaal", XlsxStyle.Bold), XlsxCell.Empty,
            // A funder's first figure is its annual share per location, not a count.
            invoice.Debtor.IsFunder
                ? XlsxCell.Formula($"SUM(C{firstLine}:C{lastLine})", invoice.Lines.Where(l => computation.IsOwnMonth(l)).Sum(l => (l.Annual ?? Money.Zero).Euros), XlsxStyle.EuroBold)
                : XlsxCell.Formula($"SUM(C{firstLine}:C{lastLine})", invoice.Lines.Sum(l => l.Basis), XlsxStyle.IntegerBold),
            .. Enumerable.Repeat(XlsxCell.Empty, figures.Count - 1),
            XlsxCell.Formula($"SUM({amountLetter}{firstLine}:{amountLetter}{lastLine})", invoice.Total.Euros, XlsxStyle.EuroBold),
        ]);
        var settles = invoice.Lines
            .Where(l => l.Kind is SettlementKind.Vaststelling or SettlementKind.Creditnota && l.Reference is not null)
            .SelectMany(l => l.Reference!.Split(Entry.ReferenceSeparator))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        if (settles.Count > 0)
        {
            sheet.Skip();
            sheet.Row(Label("Verrekend met"), XlsxCell.Empty, XlsxCell.Of($"{settles.Count} facturen over dit jaar:"));
            foreach (var number in settles)
            {
                sheet.Row(XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Of(number));
            }
        }
        sheet.Skip();
        sheet.Row(Label("Btw"), XlsxCell.Empty, XlsxCell.Of(invoice.VatStatement));
        var issuerName = Dutch.Municipality(names, invoice.Issuer);
        if (credit)
        {
            sheet.Row(Label("Te verrekenen vóór"), XlsxCell.Empty, XlsxCell.Of(invoice.DueDate));
            sheet.Note(
                $"{issuerName} crediteert u {Dutch.Euro(-invoice.Total)}. U kunt dit bedrag verrekenen met een volgende factuur van {issuerName} in deze regeling; "
                + $"anders betaalt {issuerName} het vóór de genoemde datum terug op uw rekening, met kenmerk {invoice.Number}.",
                columns);
        }
        else
        {
            sheet.Row(Label("Betalen vóór"), XlsxCell.Empty, XlsxCell.Of(invoice.DueDate));
            sheet.Row(Label("IBAN"), XlsxCell.Empty, XlsxCell.Of(invoice.Iban));
            sheet.Row(Label("Ten name van"), XlsxCell.Empty, XlsxCell.Of(issuerName));
            sheet.Row(Label("Betalingskenmerk"), XlsxCell.Empty, XlsxCell.Of(invoice.Number));
            sheet.Note("Vermeld bij betaling het factuurnummer als betalingskenmerk.", columns);
        }
        sheet.Skip();
        sheet.Note($"Afrekening {run.Id}, aangemaakt {Dutch.Created(run.CreatedAt, zone)} door {run.StartedBy}; invoer {Short(run.InputFingerprint)}.", columns);
    }

    /// <summary>The printable width of upright A4 with the sheets' margins, in pixels: (8.27 − 2 × 0.6) inch × 96.</summary>
    private const double PortraitPixels = 678.72;

    /// <summary>A table that would print upright at less than this scale prints across the page instead.</summary>
    private const double MinimumScale = 0.8;

    /// <summary>What the document settles: the run's kind, or corrections only when that is all it carries.</summary>
    private static string Kind(SettlementRun run, IssuedInvoice invoice)
    {
        if (run.Kind != SettlementKind.Voorschot)
        {
            return Dutch.Kind(run.Kind);
        }
        var corrections = invoice.Lines.Count(l => l.Kind == SettlementKind.Correctie);
        return corrections == 0 ? "Voorschot" : corrections == invoice.Lines.Count ? "Correctie" : "Voorschot met correcties";
    }

    /// <summary>The invoices a document's lines correct or settle, in number order.</summary>
    internal static List<string> CorrectedInvoices(IssuedInvoice invoice) =>
        invoice.Lines
            .Where(l => l.Kind != SettlementKind.Voorschot && l.Reference is not null)
            .SelectMany(l => l.Reference!.Split(Entry.ReferenceSeparator))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string Corrects(List<string> numbers) =>
        numbers.Count == 1 ? $"factuur {numbers[0]}" : $"{numbers.Count} facturen: {string.Join(", ", numbers)}";

    private static XlsxCell Label(string text) => XlsxCell.Of(text, XlsxStyle.Bold);

    private static string? Explanation(InvoiceLine line) =>
        string.Join("; ", new[] { Dutch.Explanation(line), line.Estimated ? "geschat: leerlingental <5 (DUO)" : null }.Where(t => t is not null)) is { Length: > 0 } text ? text : null;

    /// <summary>The first 12 hex digits of the input fingerprint: enough to tell runs apart on paper.</summary>
    internal static string Short(string fingerprint) => fingerprint.Length > 12 ? fingerprint[..12] : fingerprint;

    /// <summary>Sender or addressee: name and code, postal address, and for the sender whom to ask about the invoice.</summary>
    private static IEnumerable<XlsxCell[]> Party(string label, IssuedSettlement settlement, Core.Registry.PartyCode code, bool withContact)
    {
        yield return [Label(label), XlsxCell.Empty, XlsxCell.Of($"{FunderDebtor.Name(settlement, code)} ({code})")];
        var lines = code.Municipality is { } municipality
            ? AddressLines(settlement, municipality)
            : FunderDebtor.Of(settlement, code) is { } funder ? [funder.Address, $"{char.ToUpperInvariant(FunderDebtor.Kind(funder.Kind)[0])}{FunderDebtor.Kind(funder.Kind)[1..]}, rekening {funder.Iban}"] : [];
        foreach (var line in lines)
        {
            yield return [XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Of(line)];
        }
        if (withContact && code.Municipality is { } contact && settlement.Municipalities.TryGetValue(contact, out var m) && (m.ContactPerson ?? m.Email) is not null)
        {
            yield return [XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Of("Contact: " + string.Join(", ", new[] { m.ContactPerson, m.Email }.Where(t => t is not null)))];
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
