namespace Beschikbaarheid.Data.Import;

/// <summary>The four files a region supplies, named as on the command line.</summary>
public enum ImportKind { Gemeenten, Scholen, Leerlingen, Beschikkingen }

public sealed record ImportResult(ImportKind Kind, string File, int Rows);
