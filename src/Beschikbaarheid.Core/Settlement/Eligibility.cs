using Beschikbaarheid.Core.Registry;
using Beschikbaarheid.Core.Schemes;

namespace Beschikbaarheid.Core.Settlement;

/// <summary>Why a beschikking at a scheme school is, or is not, paid from a per-child pool.</summary>
public enum Eligibility
{
    Eligible,
    /// <summary>Not at one of the scheme's school locations: outside the scheme altogether.</summary>
    OtherSchool,
    /// <summary>WLZ or ZVW: not municipal money.</summary>
    OtherLaw,
    /// <summary>The child lives in a municipality that does not take part (in that year).</summary>
    NonParticipant,
    /// <summary>Hours per week at or above the threshold: the child keeps its individual beschikking.</summary>
    AtOrAboveThreshold,
}

public static class EligibilityRules
{
    /// <summary>
    /// DOMAIN "per-child": law JW, resident in a participating municipality, at a scheme school, hours per
    /// week strictly below the threshold. Exactly the threshold is not eligible.
    /// </summary>
    public static Eligibility Classify(Beschikking beschikking, SchemeTerms terms, PerChildPool pool)
    {
        ArgumentNullException.ThrowIfNull(beschikking);
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(pool);
        if (!terms.Schools.Contains(beschikking.School))
        {
            return Eligibility.OtherSchool;
        }
        if (beschikking.Law != Law.JW)
        {
            return Eligibility.OtherLaw;
        }
        if (!terms.Participants.Contains(beschikking.Residence))
        {
            return Eligibility.NonParticipant;
        }
        return beschikking.HoursPerWeek < pool.ThresholdHoursPerWeek ? Eligibility.Eligible : Eligibility.AtOrAboveThreshold;
    }
}
