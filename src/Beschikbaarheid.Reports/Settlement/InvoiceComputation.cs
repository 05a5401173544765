using System.Runtime.CompilerServices;
using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Settlement;
using Beschikbaarheid.Reports.Xlsx;

namespace Beschikbaarheid.Reports.Settlement;

/// <summary>
/// How an invoice shows the computation of its lines, so that a reader can redo each amount by hand: the method in
/// words with the run's figures (<see cref="RunCalculation"/>), and per line the columns that method needs. The
/// workbook and the e-invoice both take it from here, so they explain an amount the same way.
/// </summary>
internal sealed class InvoiceComputation
{
    /// <summary>One column of the invoice's table: its header, width, whether it holds numbers, and the cell of a line.</summary>
    public sealed record Column(string Header, double Width, bool Numeric, Func<InvoiceLine, XlsxCell> Cell);

    /// <summary>
    /// A run's locations by school, made once per run, not once per invoice and document (a national month has 339 invoices
    /// over 1,000 locations). Keyed by the list itself, so a settlement copied with other locations gets its own.
    /// </summary>
    private static readonly ConditionalWeakTable<IReadOnlyList<LocationRow>, Dictionary<SchoolLocationId, LocationRow>> LocationsBySchool = new();

    private readonly IssuedSettlement _settlement;
    private readonly IssuedInvoice _invoice;
    private readonly Dictionary<SchoolLocationId, LocationRow> _locations;
    private readonly RunCalculation? _calculation;
    // The per-child formula's rate and days, written once: every line of a national month repeats them.
    private readonly string? _perChildRate;

    public InvoiceComputation(IssuedSettlement settlement, IssuedInvoice invoice)
    {
        _settlement = settlement;
        _invoice = invoice;
        _locations = LocationsBySchool.GetValue(settlement.Locations, locations => locations.ToDictionary(l => l.School));
        _calculation = settlement.Run.Calculation;
        _perChildRate = AnnualPerChild is { } annual ? $"{Dutch.EuroExact(annual)} ÷ {DayProration.DaysInYear(Year)}" : null;
    }

    private int Year => _settlement.Run.Period.Year;

    private int Month => _settlement.Run.Period.Month;

    private SettledPeriod OwnPeriod => SettledPeriod.Of(_settlement.Run.Period);

    /// <summary>A line of the run's own month, computed by the method; corrections and year ends are differences of such lines.</summary>
    public bool IsOwnMonth(InvoiceLine line) =>
        line.Kind == SettlementKind.Voorschot && (line.Period is null || line.Period == OwnPeriod);

    /// <summary>Exact, in euros: it is only ever prorated, so it is shown with every decimal it has.</summary>
    private decimal? AnnualPerChild => _calculation?.AnnualCentsPerChild / 100m;

    /// <summary>The columns between the school's name and the amount.</summary>
    public IReadOnlyList<Column> FigureColumns()
    {
        var unit = Dutch.Basis(_settlement.Run.BasisUnit);
        var ofUnit = char.ToUpperInvariant(unit[0]) + unit[1..];
        // Hours per week may have decimals (2 children × 1,25 h); counts are whole.
        var basisStyle = _settlement.Run.BasisUnit == BasisUnit.HoursPerWeek ? XlsxStyle.Fte : XlsxStyle.Integer;
        Column basis = new(ofUnit, 11, true, l => XlsxCell.Of(l.Basis, basisStyle));
        Column locationBasis = new($"{ofUnit} locatie", 11, true,
            l => IsOwnMonth(l) && _locations.TryGetValue(l.School, out var r) ? XlsxCell.Of(r.Basis, XlsxStyle.Integer) : XlsxCell.Empty);
        Column share = new("Aandeel", 10, true, l => Share(l) is { } s ? XlsxCell.Of(s, XlsxStyle.Percent) : XlsxCell.Empty);
        Column locationBudget = new("Jaarbudget locatie", 14, true,
            l => IsOwnMonth(l) && _locations.TryGetValue(l.School, out var r) && r.AnnualBudget is { } b ? XlsxCell.Of(b.Euros, XlsxStyle.Euro) : XlsxCell.Empty);
        Column locationMonth = new("Maandbedrag locatie", 14, true,
            l => IsOwnMonth(l) && _locations.TryGetValue(l.School, out var r) ? XlsxCell.Of(r.Month.Euros, XlsxStyle.Euro) : XlsxCell.Empty);
        if (_invoice.Debtor.IsFunder)
        {
            return [new Column("Uw jaardeel", 13, true, l => IsOwnMonth(l) && l.Annual is { } a ? XlsxCell.Of(a.Euros, XlsxStyle.Euro) : XlsxCell.Empty)];
        }
        return _calculation?.Method switch
        {
            CalculationMethod.PerChild =>
                [basis, new Column("Berekening", 26, true, l => IsOwnMonth(l) ? XlsxCell.Of(PerChildFormula(l) + " =", XlsxStyle.TextRight) : XlsxCell.Empty)],
            CalculationMethod.LocationBudgetByPupils =>
                [basis, locationBasis, share, locationBudget,
                 new Column("Uw jaardeel", 13, true, l => IsOwnMonth(l) && l.Annual is { } a ? XlsxCell.Of(a.Euros, XlsxStyle.Euro) : XlsxCell.Empty)],
            CalculationMethod.LocationMonthByChildren => [basis, locationBasis, share, locationBudget, locationMonth],
            CalculationMethod.LocationMonthByBlend => [basis, locationBasis, locationBudget, locationMonth],
            CalculationMethod.BudgetByPupils => [basis, share],
            CalculationMethod.EstimateByHours =>
                [basis, share, new Column("Uw jaardeel", 13, true, l => IsOwnMonth(l) && l.Annual is { } a ? XlsxCell.Of(a.Euros, XlsxStyle.Euro) : XlsxCell.Empty)],
            _ => [basis],
        };
    }

    /// <summary>The share a line's basis is of the whole it was split by, as its method defines it; null where none applies.</summary>
    private decimal? Share(InvoiceLine line)
    {
        if (!IsOwnMonth(line))
        {
            return null;
        }
        decimal? whole = _calculation?.Method switch
        {
            CalculationMethod.LocationBudgetByPupils or CalculationMethod.LocationMonthByChildren =>
                _locations.TryGetValue(line.School, out var r) ? r.Basis : null,
            CalculationMethod.BudgetByPupils => _invoice.Lines.Where(IsOwnMonth).Sum(l => l.Basis),
            CalculationMethod.EstimateByHours => _calculation.EstimateHoursPerWeek,
            _ => null,
        };
        return whole > 0 ? decimal.Round(line.Basis / whole.Value, 6) : null;
    }

    private string PerChildFormula(InvoiceLine line) =>
        _perChildRate is { } rate ? $"{Dutch.Number(line.Basis)} × {rate}" : "";

    /// <summary>The method in words with the run's figures: the paragraph above the lines.</summary>
    public IReadOnlyList<string> Method()
    {
        var c = _calculation;
        var own = _invoice.Lines.Where(IsOwnMonth).ToList();
        var month = Money.Sum(own.Select(l => l.Amount));
        var k = Month;
        var schedule = $"maand {k} van 12 volgens het maandschema: ⌊J × {k} ÷ 12⌋ − ⌊J × {k - 1} ÷ 12⌋";
        if (_invoice.Debtor.IsFunder)
        {
            return FunderMethod(own, month, schedule);
        }
        var peildatum = c?.Peildatum is { } p ? $" op de peildatum {Dutch.Date(p)}" : "";
        var text = c?.Method switch
        {
            CalculationMethod.PerChild when AnnualPerChild is { } annual => new List<string>
            {
                $"Bedrag per kind per jaar: {Dutch.Number(c.NormHoursPerWeek!.Value)} uur per week × {Dutch.EuroExact(c.HourlyRate!.Value)} per uur × {c.SchoolWeeks} schoolweken = {Dutch.EuroExact(annual)}.",
                $"Per regel: kinddagen (de dagen in de periode dat een kind met een Jeugdwet-beschikking zorg op de locatie had) × {Dutch.EuroExact(annual)} ÷ {DayProration.DaysInYear(Year)} dagen in {Year}, één keer per regel afgerond op centen.",
            },
            CalculationMethod.LocationBudgetByPupils => new List<string>
            {
                $"Elke locatie heeft een jaarbudget: haar trekkingsrecht in fte × de kosten per fte. Uw jaardeel van een locatie is dat jaarbudget × Aandeel, in centen verdeeld (restcenten naar de grootste resten); Aandeel = uw leerlingen ÷ alle leerlingen van de locatie{peildatum}.",
                $"Maandbedrag: uw jaardelen samen (J = {Dutch.Euro(Money.Sum(own.Select(l => l.Annual ?? Money.Zero)))}), {schedule} = {Dutch.Euro(month)}, over de locaties verdeeld naar hun jaardeel.",
            },
            CalculationMethod.LocationMonthByChildren => new List<string>
            {
                $"Elke locatie heeft een jaarbudget (J): haar trekkingsrecht in fte × de kosten per fte. Haar maandbedrag is {schedule}.",
                "Het maandbedrag van een locatie wordt verdeeld naar de kinddagen in de maand van kinderen met een Jeugdwet-beschikking op de locatie, per woongemeente: Aandeel = uw kinddagen ÷ alle kinddagen van de locatie, in centen verdeeld (restcenten naar de grootste resten).",
            },
            CalculationMethod.LocationMonthByBlend => new List<string>
            {
                $"Elke locatie heeft een jaarbudget (J): haar trekkingsrecht in fte × de kosten per fte. Haar maandbedrag is {schedule}.",
                $"Het maandbedrag van een locatie wordt verdeeld met een gemengde sleutel: uw aandeel = ({Dutch.Number(c.PupilsWeight ?? 0)} × uw leerlingen ÷ leerlingen van de locatie{peildatum} + {Dutch.Number(c.ChildrenWeight ?? 0)} × uw kinddagen ÷ kinddagen van de locatie) ÷ {Dutch.Number((c.PupilsWeight ?? 0) + (c.ChildrenWeight ?? 0))}, in centen verdeeld (restcenten naar de grootste resten).",
            },
            CalculationMethod.BudgetByPupils => BudgetByPupils(c, own, month, peildatum),
            CalculationMethod.EstimateByHours => EstimateByHours(c, own, month),
            _ => [],
        };
        if (c?.Funders is { Funders.Count: > 0 } funders && c.Method != CalculationMethod.BudgetByPupils)
        {
            text.Add($"Van de pot van {Dutch.Euro(new Money(funders.PoolCents))} gaan eerst de aandelen van de financiers af ({Dutch.Euro(new Money(funders.PoolCents - funders.RestCents))}, verdeelstaat); het jaarbudget van een locatie hierboven is wat daarvan op de locatie over is.");
        }
        var taken = c?.NonParticipants?.Parts.Sum(p => p.To.GetValueOrDefault(_invoice.Debtor.Value)) ?? 0;
        if (taken != 0)
        {
            var of = c!.Method == CalculationMethod.LocationMonthByBlend ? "maandbedrag" : "jaardeel";
            text.Add($"Uw {of} bevat ook {Dutch.Euro(new Money(taken))} van het deel van leerlingen uit niet-deelnemende gemeenten, op elke locatie naar leerlingen verdeeld over de deelnemers daar (verdeelstaat, blad Niet-deelnemers).");
        }
        return text;
    }

    /// <summary>A funder that is not a municipality: its share of the pool, taken before the key splits the rest.</summary>
    private List<string> FunderMethod(List<InvoiceLine> own, Money month, string schedule)
    {
        var funder = FunderDebtor.Of(_settlement, _invoice.Debtor);
        if (_calculation is not { Funders: { } funders } calculation || funder is null)
        {
            return [];
        }
        var share = funder.AmountCents is { } amount
            ? $"een vast bedrag van {Dutch.Euro(new Money(amount))} per jaar"
            : $"{Dutch.Number(funder.Percent ?? 0)}% van de pot van {Dutch.Euro(new Money(funders.PoolCents))} (het {PoolText(calculation)}), één keer afgerond op centen: {Dutch.Euro(new Money(funder.AnnualCents))}";
        // A budget split as a whole has no budget per location: a funder's lines follow the budget's key, all pupils of a location.
        var overLocations = calculation.Method == CalculationMethod.BudgetByPupils
            ? $"naar al hun leerlingen{(calculation.Peildatum is { } p ? $" op de peildatum {Dutch.Date(p)}" : "")}"
            : "naar wat er van hun jaarbudget over is na de financiers vóór u";
        return
        [
            $"U draagt als {FunderDebtor.Kind(funder.Kind)} bij aan de pot van {Year}: {share}. De aandelen van de financiers gaan van de pot af vóór de verdeling over de gemeenten (eerst vaste bedragen, dan percentages). Uw jaardeel J = {Dutch.Euro(new Money(funder.AnnualCents))} wordt over de locaties verdeeld {overLocations}, in centen (restcenten naar de grootste resten).",
            $"Maandbedrag: {schedule} = {Dutch.Euro(month)}, over de locaties verdeeld naar uw jaardeel daar.",
        ];
    }

    /// <summary>What the pool the funders' shares come off is, in words: the year's budget of the scheme, or of all its locations together.</summary>
    public static string PoolText(RunCalculation? calculation) =>
        calculation?.Method == CalculationMethod.BudgetByPupils ? "jaarbudget van de regeling" : "jaarbudget van alle locaties samen";

    private List<string> BudgetByPupils(RunCalculation c, List<InvoiceLine> own, Money month, string peildatum)
    {
        var row = _settlement.Allocation.FirstOrDefault(a => a.Municipality == _invoice.Debtor);
        var budget = c.Budget is { } b ? Dutch.Euro(b) : "het budget";
        // With funders the key splits what is left of the budget after their shares (verdeelstaat).
        if (c.Funders is { Funders.Count: > 0 } funders)
        {
            budget += $", na de aandelen van de financiers ({Dutch.Euro(new Money(funders.PoolCents - funders.RestCents))}, verdeelstaat) {Dutch.Euro(new Money(funders.RestCents))},";
        }
        var total = c.PupilsTotal is { } t ? $" ({Dutch.Number(t)} leerlingen)" : "";
        var lines = new List<string>
        {
            $"Het jaarbudget {Year} van {budget} wordt verdeeld naar de woongemeente van alle leerlingen van de locaties van de regeling{peildatum}{total}. "
            + (row is null ? "" : $"Uw deel is uw jaarbijdrage J = {Dutch.Euro(row.AnnualProjection)} voor uw {Dutch.Number(own.Sum(l => l.Basis))} leerlingen. ")
            + (_settlement.Statement?.Spread == true ? "Het deel van leerlingen uit niet-deelnemende gemeenten is naar leerlingen over de deelnemers verdeeld en zit in J." : ""),
            $"Maandbedrag: maand {Month} van 12 volgens het maandschema: ⌊J × {Month} ÷ 12⌋ − ⌊J × {Month - 1} ÷ 12⌋ = {Dutch.Euro(month)}, over uw locaties verdeeld naar uw leerlingen daar: Aandeel = uw leerlingen op de locatie ÷ al uw leerlingen in de regeling.",
        };
        return lines;
    }

    private List<string> EstimateByHours(RunCalculation c, List<InvoiceLine> own, Money month)
    {
        var hours = c.EstimateHoursPerWeek ?? 0m;
        var row = _settlement.Allocation.FirstOrDefault(a => a.Municipality == _invoice.Debtor);
        var yours = own.Sum(l => l.Basis);
        return
        [
            $"Jaarbedrag {Year} volgens de inschatting van de school: Σ kinderen × uren per week = {Dutch.Number(hours)} uur per week × {Dutch.EuroExact(c.HourlyRate ?? 0)} per uur × {c.SchoolWeeks} schoolweken = {(c.Budget is { } y ? Dutch.Euro(y) : "het jaarbedrag")}, één keer afgerond op centen.",
            $"Uw jaardeel J = jaarbedrag × uw {Dutch.Number(yours)} uur per week ÷ {Dutch.Number(hours)}, in centen verdeeld (restcenten naar de grootste resten)"
            + (row is null ? "" : $" = {Dutch.Euro(row.AnnualProjection)}")
            + $". Maandbedrag: maand {Month} van 12 volgens het maandschema: ⌊J × {Month} ÷ 12⌋ − ⌊J × {Month - 1} ÷ 12⌋ = {Dutch.Euro(month)}, over uw locaties verdeeld naar uw uren per week daar.",
        ];
    }

    /// <summary>The computation of one line in one sentence, for the e-invoice's line description; null when there is nothing to add.</summary>
    public string? LineText(InvoiceLine line)
    {
        if (!IsOwnMonth(line))
        {
            return Dutch.Explanation(line);
        }
        if (_invoice.Debtor.IsFunder)
        {
            return line.Annual is { } part ? $"uw jaardeel op deze locatie {Dutch.Euro(part)}" : null;
        }
        var unit = Dutch.Basis(_settlement.Run.BasisUnit);
        _locations.TryGetValue(line.School, out var location);
        return _calculation?.Method switch
        {
            CalculationMethod.PerChild when AnnualPerChild is not null => $"{PerChildFormula(line)} (kinddagen × bedrag per kind per jaar ÷ dagen in {Year})",
            CalculationMethod.LocationBudgetByPupils when location?.AnnualBudget is { } budget =>
                $"{Dutch.Number(line.Basis)} van {Dutch.Number(location.Basis)} {unit}; jaarbudget locatie {Dutch.Euro(budget)}"
                + (line.Annual is { } annual ? $", uw jaardeel {Dutch.Euro(annual)}" : ""),
            CalculationMethod.LocationMonthByChildren or CalculationMethod.LocationMonthByBlend when location is not null =>
                $"{Dutch.Number(line.Basis)} van {Dutch.Number(location.Basis)} {unit}; maandbedrag locatie {Dutch.Euro(location.Month)}",
            CalculationMethod.BudgetByPupils => $"{Dutch.Number(line.Basis)} {unit} op deze locatie",
            CalculationMethod.EstimateByHours => $"{Dutch.Number(line.Basis)} van {Dutch.Number(_calculation.EstimateHoursPerWeek ?? 0)} {unit} (kinderen × uren per week)"
                + (line.Annual is { } share ? $"; uw jaardeel {Dutch.Euro(share)}" : ""),
            _ => null,
        };
    }
}
