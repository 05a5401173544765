using System.Text.Json;
using System.Text.Json.Serialization;
using Beschikbaarheid.Core.Settlement;

namespace Beschikbaarheid.Data.Settlement;

/// <summary>A run's <see cref="RunCalculation"/> as stored in <c>settlement_runs.calculation</c>: JSON with the method by name.</summary>
internal static class StoredCalculation
{
    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        IgnoreReadOnlyProperties = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string? Write(RunCalculation? calculation) =>
        calculation is null ? null : JsonSerializer.Serialize(calculation, Options);

    public static RunCalculation? Read(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : JsonSerializer.Deserialize<RunCalculation>(text, Options);
}
