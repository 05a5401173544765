using Beschikbaarheid.Core.Arithmetic;
using Beschikbaarheid.Core.Registry;

namespace Beschikbaarheid.Core.Schemes;

/// <summary>What kind of body a funder is: a samenwerkingsverband (passend onderwijs), a school board, or another.</summary>
public enum FunderKind { Swv, Board, Other }

/// <summary>What a funder puts into the pool in a funding year.</summary>
public abstract record FunderShare;

/// <summary>A fixed annual amount, billed by the monthly schedule rule.</summary>
public sealed record FunderAmount(Money Amount) : FunderShare;

/// <summary>A percentage (above 0, at most 100) of the year's pool before any funder's share is taken off it.</summary>
public sealed record FunderPercent(decimal Percent) : FunderShare;

/// <summary>
/// A funder that is not a municipality (the scheme's <c>funders</c>): the samenwerkingsverband or a school board that
/// pools money with the municipalities (Gouda's <i>ontschot budget</i>). Its share comes off the pool before the key
/// splits the rest over the municipalities, and the lead invoices it like a participant, under its own id.
/// </summary>
/// <param name="Id">Its id as debtor (<see cref="PartyCode.TryFunder"/>), e.g. <c>SWV-PO3003</c>.</param>
/// <param name="Address">One line, as its invoices print it, e.g. <c>Postbus 123, 2800 AC Gouda</c>.</param>
/// <param name="Iban">Its account, checked by ISO 13616 and kept without spaces.</param>
public sealed record Funder(PartyCode Id, string Name, FunderKind Kind, string Iban, string Address, FunderShare Share);
