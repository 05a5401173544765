using System.Xml.Linq;
using Beschikbaarheid.Core.Arithmetic;

namespace Beschikbaarheid.Core.Tests;

public class ArchitectureTests
{
    [Fact]
    public void Core_ReferencesNoPackage_InItsProjectFile()
    {
        var project = XDocument.Load(Path.Combine(RepositoryRoot(), "src", "Beschikbaarheid.Core", "Beschikbaarheid.Core.csproj"));
        var references = project.Descendants().Where(e => e.Name.LocalName is "PackageReference" or "ProjectReference" or "Reference").ToList();
        Assert.Empty(references);
    }

    [Fact]
    public void Core_ReferencesOnlyTheFramework_InItsCompiledAssembly()
    {
        var referenced = typeof(Money).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.NotEmpty(referenced);
        Assert.All(referenced, name => Assert.True(name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "mscorlib",
            $"Core references {name}, which is not part of the framework."));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Beschikbaarheid.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Beschikbaarheid.sln not found above the test output folder.");
    }
}
