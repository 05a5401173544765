using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Beschikbaarheid.Data.Database;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Beschikbaarheid.Data.Tests.Database;

/// <summary>A statement found in the data layer's source, as SQL Server would receive it, or why it could not be rendered.</summary>
/// <param name="Location">File (relative to the Data project) and line of the literal.</param>
/// <param name="Sql">The statement rendered for SQL Server; null when <paramref name="Problem"/> says why it could not be.</param>
public sealed record FoundStatement(string Location, string? Sql, string? Problem = null);

/// <summary>
/// Finds every SQL statement the data layer sends, by reading its C# sources with Roslyn (syntax only, so it
/// needs no compilation and follows whatever the sources hold now):
/// <list type="number">
/// <item>Every string literal (regular, verbatim, raw), every interpolated string and every <c>+</c> chain of
/// them is a candidate; it is a statement when its text, after leading spaces and <c>--</c> comments, starts with
/// an upper-case SQL keyword (SELECT, INSERT, UPDATE, DELETE, WITH, MERGE, CREATE, ALTER, DROP, IF, DECLARE,
/// BEGIN) followed by a space, line break or parenthesis. Upper case, because that is how the project writes
/// SQL and messages such as "Update the program" are not statements.</item>
/// <item>The hole of an interpolated string must be a <c>SqlDialect.Piece(provider)</c> call: it is rendered by
/// calling that piece for <see cref="DatabaseProvider.SqlServer"/>. Any other hole, or a <c>+</c> with something
/// other than string literals, is reported as a problem rather than guessed at.</item>
/// <item>Dapper's list expansion <c>IN @List</c> is rendered as <c>IN (@List1, @List2)</c>, as Dapper sends it.</item>
/// <item>A statement is not sent to SQL Server, and left out, when a provider test decides so: it lies in the
/// branch of a <c>?:</c> or <c>if</c> whose condition compares with <c>DatabaseProvider.X</c> (<c>==</c>,
/// <c>!=</c>, <c>is</c>, <c>is not</c>) and that branch is only taken when the provider is not SQL Server; or in a
/// switch arm or case for a provider other than SQL Server; or in a type whose <c>Provider</c> property is
/// another provider (the SQLite connection factory). Nothing is left out by name or by content.</item>
/// </list>
/// </summary>
public static partial class DataLayerStatements
{
    /// <summary>The Data project's folder, found from the test's output folder upwards.</summary>
    public static string SourceFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "src", "Beschikbaarheid.Data");
            if (File.Exists(Path.Combine(candidate, "Beschikbaarheid.Data.csproj")))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException($"No src/Beschikbaarheid.Data above {AppContext.BaseDirectory}: these tests read the repository's sources.");
    }

    /// <summary>Every statement of every C# file of the Data project (bin and obj excluded).</summary>
    public static IReadOnlyList<FoundStatement> FromSources(string folder)
    {
        var skip = new[] { Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar };
        return Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !skip.Any(s => f[folder.Length..].Contains(s, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .SelectMany(f => FromSource(File.ReadAllText(f), Path.GetRelativePath(folder, f)))
            .ToList();
    }

    /// <summary>Every statement of one C# source text.</summary>
    public static IEnumerable<FoundStatement> FromSource(string source, string path)
    {
        var root = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Preview), path).GetRoot();
        foreach (var node in root.DescendantNodes())
        {
            if (!IsCandidate(node))
            {
                continue;
            }
            var (text, problem) = Render(node);
            if (!StartsWithKeyword(text) || !IsSentToSqlServer(node))
            {
                continue;
            }
            var location = $"{path}:{node.GetLocation().GetLineSpan().StartLinePosition.Line + 1}";
            yield return problem is null ? new FoundStatement(location, ExpandLists(text)) : new FoundStatement(location, null, problem);
        }
    }

    /// <summary>A string expression that is not part of a larger <c>+</c> chain (the chain is the candidate then).</summary>
    private static bool IsCandidate(SyntaxNode node) =>
        node switch
        {
            LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) => !InConcatenation(node),
            InterpolatedStringExpressionSyntax => !InConcatenation(node),
            BinaryExpressionSyntax add when add.IsKind(SyntaxKind.AddExpression) => !InConcatenation(node) && Leaves(add).Any(IsString),
            _ => false,
        };

    private static bool InConcatenation(SyntaxNode node) =>
        node.Parent is BinaryExpressionSyntax parent && parent.IsKind(SyntaxKind.AddExpression)
        || node.Parent is ParenthesizedExpressionSyntax { Parent: BinaryExpressionSyntax grand } && grand.IsKind(SyntaxKind.AddExpression);

    private static bool IsString(ExpressionSyntax e) =>
        e is InterpolatedStringExpressionSyntax || e.IsKind(SyntaxKind.StringLiteralExpression);

    private static IEnumerable<ExpressionSyntax> Leaves(ExpressionSyntax expression) => expression switch
    {
        BinaryExpressionSyntax add when add.IsKind(SyntaxKind.AddExpression) => Leaves(add.Left).Concat(Leaves(add.Right)),
        ParenthesizedExpressionSyntax inner => Leaves(inner.Expression),
        _ => [expression],
    };

    /// <summary>The text SQL Server receives; with a problem when part of it cannot be known from the source.</summary>
    private static (string Text, string? Problem) Render(SyntaxNode node)
    {
        var text = new StringBuilder();
        string? problem = null;
        foreach (var leaf in node is ExpressionSyntax e ? Leaves(e) : [])
        {
            switch (leaf)
            {
                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                    text.Append(literal.Token.ValueText);
                    break;
                case InterpolatedStringExpressionSyntax interpolated:
                    foreach (var content in interpolated.Contents)
                    {
                        if (content is InterpolatedStringTextSyntax part)
                        {
                            text.Append(part.TextToken.ValueText);
                        }
                        else if (content is InterpolationSyntax hole)
                        {
                            var (piece, why) = RenderHole(hole.Expression);
                            text.Append(piece);
                            problem ??= why;
                        }
                    }
                    break;
                default:
                    problem ??= $"'{leaf}' joined to the statement with + is not a string literal";
                    text.Append("{?}");
                    break;
            }
        }
        return (text.ToString(), problem);
    }

    /// <summary>
    /// A hole <c>SqlDialect.Piece(provider)</c>, or <c>SqlDialect.Piece(provider, "literal", …)</c>: the piece for
    /// SQL Server, the literals passed as written.
    /// </summary>
    private static (string Text, string? Problem) RenderHole(ExpressionSyntax hole)
    {
        if (hole is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: nameof(SqlDialect) } } access } call)
        {
            var method = typeof(SqlDialect).GetMethod(access.Name.Identifier.ValueText, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static);
            var given = call.ArgumentList.Arguments;
            if (method is not null && method.ReturnType == typeof(string)
                && method.GetParameters() is { Length: > 0 } parameters && parameters.Length == given.Count
                && parameters[0].ParameterType == typeof(DatabaseProvider)
                && parameters.Skip(1).All(p => p.ParameterType == typeof(string))
                && given.Skip(1).All(a => a.Expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression)))
            {
                var arguments = given.Skip(1).Select(a => (object)((LiteralExpressionSyntax)a.Expression).Token.ValueText).Prepend(DatabaseProvider.SqlServer).ToArray();
                return ((string)method.Invoke(null, arguments)!, null);
            }
        }
        return ("{?}", $"the hole {{{hole}}} is not a SqlDialect piece taking the provider and string literals, so its SQL Server text is unknown");
    }

    private static bool StartsWithKeyword(string text)
    {
        var rest = text.AsSpan().TrimStart();
        while (rest.StartsWith("--", StringComparison.Ordinal))
        {
            var end = rest.IndexOf('\n');
            rest = end < 0 ? [] : rest[(end + 1)..].TrimStart();
        }
        return LeadingKeyword().IsMatch(rest.ToString());
    }

    [GeneratedRegex(@"^(SELECT|INSERT|UPDATE|DELETE|WITH|MERGE|CREATE|ALTER|DROP|IF|DECLARE|BEGIN)(?=[\s(]|$)")]
    private static partial Regex LeadingKeyword();

    /// <summary>Dapper expands a list parameter <c>IN @Ids</c> into <c>IN (@Ids1, @Ids2, …)</c>.</summary>
    public static string ExpandLists(string sql) => ListParameter().Replace(sql, m => $"IN (@{m.Groups[1].Value}1, @{m.Groups[1].Value}2)");

    [GeneratedRegex(@"\bIN\s+@(\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex ListParameter();

    /// <summary>False when a provider test on the way from the statement up to its type says it is not for SQL Server.</summary>
    private static bool IsSentToSqlServer(SyntaxNode node)
    {
        var child = node;
        foreach (var ancestor in node.Ancestors())
        {
            var onlyFor = ancestor switch
            {
                ConditionalExpressionSyntax c when child == c.WhenTrue => Branch(c.Condition, whenTrue: true),
                ConditionalExpressionSyntax c when child == c.WhenFalse => Branch(c.Condition, whenTrue: false),
                IfStatementSyntax s when child == s.Statement => Branch(s.Condition, whenTrue: true),
                IfStatementSyntax s when child == s.Else => Branch(s.Condition, whenTrue: false),
                SwitchExpressionArmSyntax arm when child == arm.Expression && Providers(arm.Pattern) is { } arms =>
                    arms.Contains(DatabaseProvider.SqlServer) ? (DatabaseProvider.SqlServer, true) : (arms.First(), true),
                SwitchSectionSyntax section => CaseProviders(section) is [var first, ..] cases && cases.All(p => p == first) ? (first, true) : null,
                TypeDeclarationSyntax type => DeclaredProvider(type) is { } p ? (p, true) : null,
                _ => ((DatabaseProvider, bool)?)null,
            };
            if (onlyFor is var (provider, equal) && (equal ? provider != DatabaseProvider.SqlServer : provider == DatabaseProvider.SqlServer))
            {
                return false;
            }
            child = ancestor;
        }
        return true;
    }

    /// <summary>What a branch implies: (X, true) "the provider is X", (X, false) "the provider is not X"; null when the condition is no provider test.</summary>
    private static (DatabaseProvider, bool)? Branch(ExpressionSyntax condition, bool whenTrue)
    {
        (DatabaseProvider Provider, bool Equal)? test = condition switch
        {
            BinaryExpressionSyntax b when b.IsKind(SyntaxKind.EqualsExpression) || b.IsKind(SyntaxKind.NotEqualsExpression) =>
                (ProviderMember(b.Left) ?? ProviderMember(b.Right)) is { } p ? (p, b.IsKind(SyntaxKind.EqualsExpression)) : null,
            IsPatternExpressionSyntax { Pattern: UnaryPatternSyntax { Pattern: var inner } } => Provider(inner) is { } p ? (p, false) : null,
            IsPatternExpressionSyntax { Pattern: var pattern } => Provider(pattern) is { } p ? (p, true) : null,
            ParenthesizedExpressionSyntax inner => Branch(inner.Expression, true),
            _ => null,
        };
        return test is var (provider, equal) ? (provider, equal == whenTrue) : null;
    }

    private static DatabaseProvider? Provider(PatternSyntax pattern) =>
        pattern is ConstantPatternSyntax constant ? ProviderMember(constant.Expression) : null;

    /// <summary>The providers a pattern such as <c>DatabaseProvider.Sqlite or DatabaseProvider.PostgreSql</c> matches; null when it is no provider pattern.</summary>
    private static HashSet<DatabaseProvider>? Providers(PatternSyntax pattern) => pattern switch
    {
        BinaryPatternSyntax either when either.IsKind(SyntaxKind.OrPattern) =>
            Providers(either.Left) is { } left && Providers(either.Right) is { } right ? [.. left, .. right] : null,
        ParenthesizedPatternSyntax inner => Providers(inner.Pattern),
        _ => Provider(pattern) is { } p ? [p] : null,
    };

    /// <summary>The providers a switch section is for; empty when any of its labels is something else.</summary>
    private static List<DatabaseProvider> CaseProviders(SwitchSectionSyntax section)
    {
        var providers = section.Labels.Select(label => label switch
        {
            CaseSwitchLabelSyntax c => ProviderMember(c.Value),
            CasePatternSwitchLabelSyntax { WhenClause: null } p => Provider(p.Pattern),
            _ => null,
        }).ToList();
        return providers.All(p => p.HasValue) ? providers.Select(p => p!.Value).ToList() : [];
    }

    /// <summary>A type whose <c>Provider</c> property returns one fixed provider, as a connection factory does.</summary>
    private static DatabaseProvider? DeclaredProvider(TypeDeclarationSyntax type) =>
        type.Members.OfType<PropertyDeclarationSyntax>()
            .Where(p => p.Identifier.ValueText == "Provider")
            .Select(p => p.ExpressionBody?.Expression is { } e ? ProviderMember(e) : null)
            .FirstOrDefault();

    /// <summary><c>DatabaseProvider.X</c> (qualified or not) as the value it names.</summary>
    private static DatabaseProvider? ProviderMember(ExpressionSyntax expression) =>
        expression is MemberAccessExpressionSyntax access
        && access.Expression.ToString().Split('.')[^1] == nameof(DatabaseProvider)
        && Enum.TryParse<DatabaseProvider>(access.Name.Identifier.ValueText, out var provider)
            ? provider
            : null;
}
