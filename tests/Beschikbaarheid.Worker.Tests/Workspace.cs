using System.Diagnostics;
using Beschikbaarheid.Worker.Application;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Beschikbaarheid.Worker.Tests;

/// <summary>
/// A temporary working folder with its own database, scheme folder and output folder, and a way to run
/// the real <c>beschikbaarheid</c> executable in it as a child process.
/// </summary>
public sealed class Workspace : IDisposable
{
    public const string SchemeId = "nijmegen-st-maarten";

    public Workspace()
    {
        Folder = Directory.CreateTempSubdirectory("beschikbaarheid-cli-").FullName;
        Directory.CreateDirectory(Schemes);
    }

    public string Folder { get; }
    public string Database => Path.Combine(Folder, "data", "test.db");
    public string Schemes => Path.Combine(Folder, "schemes");
    public string Output => Path.Combine(Folder, "out");

    public static string RepositoryRoot
    {
        get
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

    public string Write(string name, string content)
    {
        var path = Path.Combine(Folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content.ReplaceLineEndings("\n") + "\n");
        return path;
    }

    /// <summary>A small Nijmegen scheme: lead GM0268, participants Beuningen and Berg en Dal, school 30AB00.</summary>
    public void WriteScheme(int startYear = 2019) => Write(Path.Combine("schemes", SchemeId + ".json"), $$"""
        { "id": "nijmegen-st-maarten", "name": "Zorg in onderwijstijd St. Maartenschool", "startYear": {{startYear}},
          "schools": ["30AB00"], "participants": ["GM0268", "GM0209", "GM1945"],
          "pool": { "type": "per-child", "thresholdHoursPerWeek": 12, "normHoursPerWeek": 5.5, "hourlyRate": 62.50, "schoolWeeks": 40 },
          "key": { "type": "children" },
          "flow": { "type": "lead", "lead": "GM0268" },
          "invoice": { "iban": "NL12BANK0123456789", "paymentTermDays": 30, "vatStatement": "Geen btw: kostendeling tussen gemeenten" } }
        """);

    /// <summary>Region files: three municipalities, one school, and the given beschikking rows.</summary>
    public void WriteRegion(string beschikkingRows)
    {
        Write("gemeenten.csv", "gemeentecode;naam\nGM0268;Nijmegen\nGM0209;Beuningen\nGM1945;Berg en Dal\nGM0202;Arnhem");
        Write("scholen.csv", "brin;vestiging;naam;bestuursnummer;bestuursnaam;gemeentecode;sector\n30AB;00;St. Maartenschool;41234;Stichting SO;GM0268;SO");
        Write("leerlingen.csv", "peildatum;brin;vestiging;woongemeente;aantal\n2025-10-01;30AB;00;GM0268;10");
        Write("beschikkingen.csv", "beschikkingnummer;client;woongemeente;brin;vestiging;aanbieder;categorie;wet;uren_per_week;ingangsdatum;einddatum\n" + beschikkingRows);
    }

    public Task<(int ExitCode, string Out, string Error)> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        RunExecutableAsync([], environment ?? new Dictionary<string, string>(), args);

    public Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args) => RunAsync(null, args);

    /// <summary>Where Debian's <c>faketime</c> is, if installed (<c>.ci/run</c> installs it); null otherwise.</summary>
    public static string? FakeTime => FakeTimeLocations.FirstOrDefault(File.Exists);

    private static readonly string[] FakeTimeLocations = ["/usr/bin/faketime", "/usr/local/bin/faketime"];

    /// <summary>
    /// Runs the executable as if the clock read <paramref name="at"/> (UTC), under <c>faketime</c>: "today" without a
    /// switch in the product. The caller skips the test when <see cref="FakeTime"/> is null.
    /// </summary>
    public Task<(int ExitCode, string Out, string Error)> RunAtAsync(DateTimeOffset at, params string[] args) =>
        RunExecutableAsync(
            [FakeTime ?? throw new InvalidOperationException("faketime is not installed."), "-f", at.UtcDateTime.ToString("'@'yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)],
            // Timers and timeouts keep real time; "@" is read in the zone TZ names.
            new Dictionary<string, string> { ["FAKETIME_DONT_FAKE_MONOTONIC"] = "1", ["TZ"] = "UTC" },
            args);

    /// <summary>
    /// Starts <c>dotnet PROGRAM ARGS</c> (a program of the test output folder) in this folder, its output redirected,
    /// behind an optional wrapper command such as faketime.
    /// </summary>
    public Process Launch(string program, IReadOnlyDictionary<string, string>? environment, IEnumerable<string> args, IReadOnlyList<string>? wrapper = null)
    {
        var start = new ProcessStartInfo(wrapper is [var command, ..] ? command : "dotnet")
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in (wrapper ?? []).Skip(1).Concat(wrapper is { Count: > 0 } ? ["dotnet"] : []))
        {
            start.ArgumentList.Add(arg);
        }
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, program));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        return Process.Start(start)!;
    }

    /// <summary><c>dotnet beschikbaarheid.dll ARGS</c> in this folder, behind an optional wrapper command, to its end.</summary>
    private async Task<(int ExitCode, string Out, string Error)> RunExecutableAsync(string[] wrapper, IReadOnlyDictionary<string, string> environment, string[] args)
    {
        using var process = Launch("beschikbaarheid.dll", environment, args, wrapper);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>
    /// Starts a program of the test output folder (<c>beschikbaarheid.dll</c>, or the test-only fault host) and
    /// returns once it has written a stderr line containing <paramref name="awaited"/>; the caller stops it.
    /// </summary>
    public Task<Process> StartAsync(string program, string awaited, params string[] args) => StartAsync(program, null, awaited, args);

    /// <inheritdoc cref="StartAsync(string, string, string[])"/>
    /// <param name="environment">Variables set for the process, such as a connection string.</param>
    public async Task<Process> StartAsync(string program, IReadOnlyDictionary<string, string>? environment, string awaited, params string[] args)
    {
        var process = Launch(program, environment, args);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Contains(awaited, StringComparison.Ordinal))
            {
                return process;
            }
        }
        process.Dispose();
        throw new InvalidOperationException($"The process ended without writing '{awaited}'.");
    }

    /// <summary>
    /// Sends SIGTERM, what <c>docker stop</c> sends, and waits up to a minute for the process to end.
    /// </summary>
    /// <returns>The process's exit code.</returns>
    public static async Task<int> StopAsync(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(timeout.Token);
        }
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    /// <summary>The engine's services in this process, on this workspace's database, scheme folder and output folder.</summary>
    public ServiceProvider Services()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:File"] = Database,
            ["Paths:Schemes"] = Schemes,
            ["Paths:Output"] = Output,
        }).Build();
        return new ServiceCollection().AddLogging().AddEngine(configuration).BuildServiceProvider();
    }

    /// <summary>The common options pointing at this workspace.</summary>
    public string[] With(params string[] args) => [.. args, "--db", Database, "--schemes", Schemes, "--out", Output];

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
