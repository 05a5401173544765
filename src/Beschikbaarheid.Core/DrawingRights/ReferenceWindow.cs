namespace Beschikbaarheid.Core.DrawingRights;

/// <summary>
/// Step 1: the last <c>referenceYears</c> complete school years before funding year Y, each from 1 August
/// through 31 July. With one year: 1 Aug Y-2 – 31 Jul Y-1. The window counts actual days, so a window
/// holding 29 February has 366 of them.
/// </summary>
public readonly record struct ReferenceWindow(DateOnly From, DateOnly Through)
{
    public static ReferenceWindow For(int fundingYear, int referenceYears)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(referenceYears, 1);
        return new ReferenceWindow(new DateOnly(fundingYear - 1 - referenceYears, 8, 1), new DateOnly(fundingYear - 1, 7, 31));
    }

    public int Days => Through.DayNumber - From.DayNumber + 1;
}
