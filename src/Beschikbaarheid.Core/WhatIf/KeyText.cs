using System.Globalization;
using Beschikbaarheid.Core.Schemes;

namespace Beschikbaarheid.Core.WhatIf;

/// <summary>
/// An alternative key as typed on the command line: <c>pupils</c>, <c>children</c> or
/// <c>blend:pupils=0.5,children=0.5</c> (weights above 0 that add up to 1, each key once).
/// </summary>
public static class KeyText
{
    /// <summary>The key and its Dutch label, or null with the reason.</summary>
    public static (string Label, Key Key)? Parse(string text, decimal maskedCountValue, out string? error)
    {
        error = null;
        var value = (text ?? "").Trim();
        switch (value)
        {
            case SupportedSchemes.Pupils:
                return ("leerlingen", new PupilsKey(maskedCountValue));
            case SupportedSchemes.Children:
                return ("kinderen", new ChildrenKey());
        }
        if (!value.StartsWith(SupportedSchemes.Blend + ":", StringComparison.Ordinal))
        {
            error = $"--key '{text}' is not a key: expected pupils, children or blend:pupils=0.5,children=0.5.";
            return null;
        }
        var parts = new List<WeightedKey>();
        var labels = new List<string>();
        foreach (var part in value[(SupportedSchemes.Blend.Length + 1)..].Split(','))
        {
            var pair = part.Split('=');
            var name = pair[0].Trim();
            if (pair.Length != 2
                || name is not (SupportedSchemes.Pupils or SupportedSchemes.Children)
                || !decimal.TryParse(pair[1].Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var weight)
                || weight <= 0 || weight > 1)
            {
                error = $"--key '{text}': '{part}' is not a part of a blend: expected pupils=W or children=W with W above 0 and at most 1, such as pupils=0.5.";
                return null;
            }
            if (parts.Any(p => (p.Key is PupilsKey) == (name == SupportedSchemes.Pupils)))
            {
                error = $"--key '{text}' names {name} twice.";
                return null;
            }
            parts.Add(new WeightedKey(name == SupportedSchemes.Pupils ? new PupilsKey(maskedCountValue) : new ChildrenKey(), weight));
            labels.Add($"{(name == SupportedSchemes.Pupils ? "leerlingen" : "kinderen")} {(weight * 100m).ToString("0.##", CultureInfo.InvariantCulture)}%");
        }
        if (parts.Sum(p => p.Weight) != 1m)
        {
            error = $"--key '{text}': the weights of a blend add up to 1, these add up to {parts.Sum(p => p.Weight).ToString(CultureInfo.InvariantCulture)}.";
            return null;
        }
        return ($"mix {string.Join(" / ", labels)}", new BlendKey(parts));
    }

    /// <summary>The Dutch label of a scheme's current key.</summary>
    public static string Label(Key key) => key switch
    {
        PupilsKey => "leerlingen",
        ChildrenKey => "kinderen",
        BlendKey blend => "mix " + string.Join(" / ", blend.Parts.Select(p =>
            $"{(p.Key is PupilsKey ? "leerlingen" : p.Key is ChildrenKey ? "kinderen" : SupportedSchemes.TypeOf(p.Key) ?? "?")} {(p.Weight * 100m).ToString("0.##", CultureInfo.InvariantCulture)}%")),
        _ => SupportedSchemes.TypeOf(key) ?? key.GetType().Name,
    };
}
