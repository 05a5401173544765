namespace Beschikbaarheid.Core.Schemes;

/// <summary>
/// What a lead scheme does with the share of municipalities that do not take part but have pupils (or, under a
/// blend, pupils or children) at its locations (the lead flow's <c>nonParticipants</c>). A per-child pool ignores it:
/// children from non-participants stay on individual beschikkingen, outside the pool. The children key counts only
/// participants' children, so there is no non-participants' share to place.
/// </summary>
public enum LeadNonParticipants
{
    /// <summary>The default: a non-participant's part at a location is split again over that location's participants by their figures there.</summary>
    Spread,

    /// <summary>The lead carries a non-participant's part at every location.</summary>
    Lead,

    /// <summary>A non-participant is invoiced its part like a participant.</summary>
    Invoice,
}
