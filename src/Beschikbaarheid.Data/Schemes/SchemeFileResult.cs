using Beschikbaarheid.Core.Schemes;

namespace Beschikbaarheid.Data.Schemes;

/// <summary>One scheme file as checked: the scheme when it loads, else why it is refused (every offending key).</summary>
public sealed record SchemeFileResult(string File, Scheme? Scheme, SchemeFileException? Error);
