using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Reports.Settlement;

namespace Beschikbaarheid.Reports.Cashier;

/// <summary>
/// The cashier's payments of one run as a SEPA credit transfer initiation (ISO 20022 <c>pain.001.001.09</c>):
/// one payment information block from the cashier's account (the scheme's invoice IBAN) with one transfer per
/// host municipality other than the cashier that is paid a positive amount, to the IBAN from the municipality file.
/// </summary>
/// <remarks>
/// Identifiers are at most 35 characters (Max35Text): the message id is the run id with the run label, unique per
/// run; the end-to-end id is the payment reference of the payment order. Names and the remittance text are cut to
/// 70 and 140 characters. Amounts have two decimals with a point; the control sums are the exact sums in cents.
/// </remarks>
public static class SepaCreditTransfer
{
    public static readonly XNamespace Ns = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";

    public static void Write(CashierPayments payments, string path)
    {
        var document = Build(payments);
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), Indent = true };
        using var writer = XmlWriter.Create(path, settings);
        document.Save(writer);
    }

    /// <summary>The file name: <c>betaalbestand-&lt;scheme&gt;-&lt;label&gt;.xml</c>.</summary>
    public static string FileName(CashierPayments payments)
    {
        ArgumentNullException.ThrowIfNull(payments);
        return $"betaalbestand-{payments.Run.SchemeId}-{payments.Run.Label}.xml";
    }

    public static XDocument Build(CashierPayments payments)
    {
        ArgumentNullException.ThrowIfNull(payments);
        var settlement = payments.Settlement;
        var run = settlement.Run;
        var cashier = Dutch.Municipality(settlement.Municipalities, payments.Statement.Cashier);
        var transfers = payments.Transfers;
        if (transfers.Count == 0)
        {
            throw new InvalidOperationException($"run {run.Id} pays nothing to another municipality: no payment file");
        }
        var debtorIban = payments.DebtorIban
            ?? throw new InvalidOperationException($"run {run.Id}: the cashier {cashier} ({payments.Statement.Cashier}) has no IBAN to pay from");
        var credits = transfers.Select(t =>
        {
            var payee = Dutch.Municipality(settlement.Municipalities, t.Host);
            var iban = payments.PayeeIban(t.Host)
                ?? throw new InvalidOperationException($"{payee} ({t.Host}) has no IBAN in the municipality file; the cashier cannot pay it");
            return new Transfer(payee, iban.Value, t.Amount, PaymentOrderWorkbook.Reference(run, t.Host), PaymentOrderWorkbook.RemittanceText(run));
        }).ToList();
        return Build(run, cashier, debtorIban, payments.ExecutionDate, credits);
    }

    /// <summary>One credit transfer: payee, its IBAN, the amount, the end-to-end id (the payment reference) and the remittance text.</summary>
    public sealed record Transfer(string Payee, string Iban, Money Amount, string EndToEndId, string Remittance);

    /// <summary>A run's transfers from one account (<paramref name="debtorIban"/> of <paramref name="debtor"/>) as one pain.001.001.09 message.</summary>
    public static XDocument Build(Core.Settlement.SettlementRun run, string debtor, string debtorIban, DateOnly executionDate, IReadOnlyList<Transfer> transfers)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(transfers);
        var total = Money.Sum(transfers.Select(t => t.Amount));
        var count = transfers.Count.ToString(CultureInfo.InvariantCulture);
        var messageId = Cut($"BSB-{run.Id}-{run.Label}", 35);
        var cashier = debtor;

        var payments_ = transfers.Select(t =>
            E("CdtTrfTxInf",
                E("PmtId", E("EndToEndId", Cut(t.EndToEndId, 35))),
                E("Amt", new XElement(Ns + "InstdAmt", new XAttribute("Ccy", "EUR"), Amount(t.Amount))),
                E("Cdtr", E("Nm", Cut(t.Payee, 70))),
                E("CdtrAcct", E("Id", E("IBAN", t.Iban))),
                E("RmtInf", E("Ustrd", Cut(t.Remittance, 140)))));

        return new XDocument(
            new XDeclaration("1.0", "UTF-8", null),
            new XElement(Ns + "Document",
                E("CstmrCdtTrfInitn",
                    E("GrpHdr",
                        E("MsgId", messageId),
                        E("CreDtTm", run.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)),
                        E("NbOfTxs", count),
                        E("CtrlSum", Amount(total)),
                        E("InitgPty", E("Nm", Cut(cashier, 70)))),
                    E("PmtInf",
                        E("PmtInfId", messageId),
                        E("PmtMtd", "TRF"),
                        E("BtchBookg", "true"),
                        E("NbOfTxs", count),
                        E("CtrlSum", Amount(total)),
                        E("PmtTpInf", E("SvcLvl", E("Cd", "SEPA"))),
                        E("ReqdExctnDt", E("Dt", executionDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
                        E("Dbtr", E("Nm", Cut(cashier, 70))),
                        E("DbtrAcct", E("Id", E("IBAN", debtorIban))),
                        E("DbtrAgt", E("FinInstnId", E("Othr", E("Id", "NOTPROVIDED")))),
                        E("ChrgBr", "SLEV"),
                        payments_))));
    }

    private static XElement E(string name, params object?[] content) => new(Ns + name, content);

    private static string Amount(Money amount) => (amount.Cents / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length];
}
