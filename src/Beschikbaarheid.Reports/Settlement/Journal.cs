using System.Globalization;
using System.Text;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Reports.Formatting;

namespace Beschikbaarheid.Reports.Settlement;

/// <summary>
/// The journal <c>boekingen.csv</c> for the municipalities' ledgers: <c>;</c>-separated UTF-8, one row per
/// invoice line, amounts with a decimal point and two decimals. <c>soort</c> and <c>periode</c> are the
/// line's: a correction names the month it corrects, a year end (<c>vaststelling</c> or <c>creditnota</c>) the year.
/// Under the funder flow there are no invoices: a row per recorded amount of the funder, without an invoice number, the
/// funder both issuer and debtor.
/// </summary>
public static class Journal
{
    public const string Header = "factuurnummer;soort;regeling;periode;uitgever;debiteur;brin;vestiging;grondslag;bedrag";

    public static void Write(IssuedSettlement settlement, string path)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        writer.NewLine = "\n";
        writer.WriteLine(Header);
        var run = settlement.Run;
        foreach (var invoice in settlement.Invoices)
        {
            foreach (var line in invoice.Lines)
            {
                writer.WriteLine(string.Join(';',
                    invoice.Number, line.Kind.Dutch(), run.SchemeId, (line.Period ?? SettledPeriod.Of(run.Period)).ToString(), invoice.Issuer.Value, invoice.Debtor.Value,
                    line.School.Brin, line.School.Vestiging, Figures.Plain(line.Basis, CultureInfo.InvariantCulture), line.Amount.ToString()));
            }
        }
        // Recorded holds the funder's amounts under the funder flow and nothing otherwise (IssuedSettlements reads only those).
        foreach (var entry in settlement.Recorded)
        {
            writer.WriteLine(string.Join(';',
                "", entry.Kind.Dutch(), run.SchemeId, entry.Period.ToString(), entry.Municipality.Value, entry.Municipality.Value,
                entry.School.Brin, entry.School.Vestiging, Figures.Plain(entry.Basis, CultureInfo.InvariantCulture), entry.Amount.ToString()));
        }
    }
}
