namespace Beschikbaarheid.Data.Import;

/// <summary>The four files a region supplies, named as on the command line.</summary>
public enum ImportKind { Gemeenten, Scholen, Leerlingen, Beschikkingen }

/// <param name="Rows">The rows read (and stored) from the file.</param>
/// <param name="Figures">Rows new, replaced and unchanged, the file's SHA-256 and the previous import's size.</param>
public sealed record ImportResult(ImportKind Kind, string File, int Rows, ImportFigures Figures);
