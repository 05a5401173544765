using System.Data.Common;
using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Data.Database;
using Dapper;

namespace Beschikbaarheid.Data.Settlement;

/// <summary>
/// A run's cashier statement in <c>cashier_lines</c>, one row per figure: <c>ontvangen</c> (collected, per
/// municipality or funder and kind; a funder's id is never a municipality code, so the party says which it is), <c>tekort</c> (gap, per municipality), <c>dekking</c> (cover, per fund) and
/// <c>uitbetaald</c> (paid out, per host location). A <c>verdeeld</c> row marks a scheme that spreads the gap.
/// </summary>
internal static class CashierStatements
{
    public static async Task InsertAsync(DbConnection connection, DbTransaction transaction, long runId, CashierStatement statement)
    {
        var rows = statement.Collected.Select(c => Row("ontvangen", c.Party.Value, c.Kind.Dutch(), null, c.Amount))
            .Concat(statement.Gap.OrderBy(g => g.Key).Select(g => Row("tekort", g.Key.Value, null, null, g.Value)))
            .Concat(statement.Covered.Select(c => Row("dekking", c.Fund, null, null, c.Amount)))
            .Concat(statement.PaidOut.OrderBy(p => p.Key).Select(p => Row("uitbetaald", statement.Cashier.Value, null, p.Key, p.Value)))
            .Append(Row(statement.Spread ? "verdeeld" : "kassier", statement.Cashier.Value, null, null, Money.Zero))
            .Select(r => new { RunId = runId, r.Section, r.Party, r.Kind, r.Brin, r.Vestiging, r.Amount });
        await connection.ExecuteAsync(
            """
            INSERT INTO cashier_lines (run_id, section, party, soort, brin, vestiging, amount_cents)
            VALUES (@RunId, @Section, @Party, @Kind, @Brin, @Vestiging, @Amount)
            """,
            rows, transaction).ConfigureAwait(false);
    }

    public static async Task<CashierStatement?> LoadAsync(DbConnection connection, long runId, DbTransaction? transaction = null)
    {
        var rows = (await connection.QueryAsync<(string Section, string Party, string? Kind, string? Brin, string? Vestiging, long Amount)>(
            "SELECT section, party, soort, brin, vestiging, amount_cents FROM cashier_lines WHERE run_id = @runId",
            new { runId }, transaction).ConfigureAwait(false)).ToList();
        if (rows.Count == 0)
        {
            return null;
        }
        var cashier = rows.Single(r => r.Section is "kassier" or "verdeeld");
        return new CashierStatement(
            MunicipalityCode.Parse(cashier.Party),
            rows.Where(r => r.Section == "ontvangen")
                .Select(r => (PartyCode.Parse(r.Party), SettlementKindNames.FromDutch(r.Kind!), new Money(r.Amount)))
                .OrderBy(r => r.Item1).ThenBy(r => r.Item2).ToList(),
            rows.Where(r => r.Section == "tekort").ToDictionary(r => MunicipalityCode.Parse(r.Party), r => new Money(r.Amount)),
            rows.Where(r => r.Section == "dekking").Select(r => (r.Party, new Money(r.Amount))).ToList(),
            cashier.Section == "verdeeld",
            rows.Where(r => r.Section == "uitbetaald").ToDictionary(r => StoredCodes.School(r.Brin!, r.Vestiging!), r => new Money(r.Amount)));
    }

    /// <summary>What the statements of the runs stored under periods in [from, until) reported: gap, cover, available and paid out.</summary>
    public static async Task<StatedSoFar> SoFarAsync(DbConnection connection, DbTransaction transaction, string schemeId, string from, string until)
    {
        var rows = (await connection.QueryAsync<(string Section, string Party, string? Brin, string? Vestiging, long Amount)>(
            """
            SELECT c.section, CASE WHEN c.section = 'tekort' OR c.section = 'dekking' THEN c.party ELSE '' END, c.brin, c.vestiging, SUM(c.amount_cents)
            FROM cashier_lines c JOIN settlement_runs r ON r.id = c.run_id
            WHERE r.scheme_id = @schemeId AND r.period >= @from AND r.period < @until AND c.section IN ('tekort', 'dekking', 'ontvangen', 'uitbetaald')
            GROUP BY c.section, CASE WHEN c.section = 'tekort' OR c.section = 'dekking' THEN c.party ELSE '' END, c.brin, c.vestiging
            """,
            new { schemeId, from, until }, transaction).ConfigureAwait(false)).ToList();
        return new StatedSoFar(
            rows.Where(r => r.Section == "tekort").ToDictionary(r => MunicipalityCode.Parse(r.Party), r => new Money(r.Amount)),
            rows.Where(r => r.Section == "dekking").ToDictionary(r => r.Party, r => new Money(r.Amount)),
            new Money(rows.Where(r => r.Section is "ontvangen" or "dekking").Sum(r => r.Amount)),
            rows.Where(r => r.Section == "uitbetaald").ToDictionary(r => StoredCodes.School(r.Brin!, r.Vestiging!), r => new Money(r.Amount)));
    }

    private static (string Section, string Party, string? Kind, string? Brin, string? Vestiging, long Amount) Row(
        string section, string party, string? kind, SchoolLocationId? school, Money amount) =>
        (section, party, kind, school?.Brin, school?.Vestiging, amount.Cents);
}
