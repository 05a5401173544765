namespace Beschikbaarheid.Worker.Tests.Cli;

/// <summary><c>validate</c> and <c>schemes</c> through the executable, as an operator runs them.</summary>
public sealed class ValidateTests : IDisposable
{
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private static readonly string DemoSchemes = Path.Combine(Workspace.RepositoryRoot, "config", "schemes");

    private static readonly string[] DemoIds = ["amsterdam-sjso", "denbosch-wish", "gouda-ontschot", "groningen-saw", "ijmond-zorgklassen", "nijmegen-st-maarten", "tilburg-leijpark", "utrecht-proeftuin", "waadhoeke-einstein"];

    private async Task ImportAsync(string folder, params string[] kinds)
    {
        foreach (var kind in kinds)
        {
            var (code, _, error) = await _workspace.RunAsync("import", kind, Path.Combine(folder, kind + ".csv"), "--db", _workspace.Database, "--schemes", DemoSchemes);
            Assert.True(code == 0, error);
        }
    }

    /// <summary>The demo region: the four files of config/sample, as <c>demo</c> imports them.</summary>
    private Task ImportDemoRegionAsync() =>
        ImportAsync(Path.Combine(Workspace.RepositoryRoot, "config", "sample"), "gemeenten", "scholen", "leerlingen", "beschikkingen");

    [Theory]
    [InlineData("validate")]
    [InlineData("schemes")]
    public async Task Help_Works(string verb)
    {
        var (code, output, _) = await _workspace.RunAsync(verb, "--help");
        Assert.Equal(0, code);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadFile_WithAnUnknownKeyAndAnUnsupportedCombination_IsNamedWithBoth_InOneRun_ExitOne()
    {
        _workspace.WriteScheme();
        _workspace.Write(Path.Combine("schemes", "kapot.json"), """
            { "id": "kapot", "name": "Kapot", "startYear": 2026, "schools": ["30AB00"], "participants": ["GM0268", "GM0209"],
              "pool": { "type": "per-child", "thresholdHoursPerWeek": 12, "normHoursPerWeek": 5.5, "hourlyRate": 62.50, "schoolWeeks": 40, "schoolWeken": 40 },
              "key": { "type": "pupils" }, "flow": { "type": "lead", "lead": "GM0268" },
              "invoice": { "iban": "NL12BANK0123456789", "paymentTermDays": 30, "vatStatement": "Geen btw" } }
            """);
        _workspace.WriteRegion("");
        await ImportAsync(_workspace.Folder, "gemeenten", "scholen");

        var (code, output, error) = await _workspace.RunAsync("validate", "--db", _workspace.Database, "--schemes", _workspace.Schemes);

        Assert.Equal(1, code);
        var file = Path.Combine(_workspace.Schemes, "kapot.json");
        Assert.Contains($"{file}: key 'pool.schoolWeken': unknown key (known: type, thresholdHoursPerWeek, normHoursPerWeek, hourlyRate, schoolWeeks)", error, StringComparison.Ordinal);
        Assert.Contains($"{file}: keys 'pool.type', 'key.type' and 'flow.type': a per-child pool with the pupils key and the lead flow is not supported", error, StringComparison.Ordinal);
        // The good file beside it is checked too, against the registry.
        Assert.Contains("OK nijmegen-st-maarten", output, StringComparison.Ordinal);
        Assert.Contains("2 scheme file(s) checked, 1 with problems (2 in all).", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASchemeNamingWhatTheRegistryLacks_IsNamedWithKeyAndCode_ExitOne()
    {
        _workspace.Write(Path.Combine("schemes", "elders.json"), """
            { "id": "elders", "name": "Elders", "startYear": 2026, "schools": ["30AB00", "31CD00"], "participants": ["GM0268", "GM0209", "GM0999"],
              "pool": { "type": "per-child", "thresholdHoursPerWeek": 12, "normHoursPerWeek": 5.5, "hourlyRate": 62.50, "schoolWeeks": 40 },
              "key": { "type": "children" }, "flow": { "type": "lead", "lead": "GM0268" },
              "invoice": { "iban": "NL12BANK0123456789", "paymentTermDays": 30, "vatStatement": "Geen btw" } }
            """);
        _workspace.WriteRegion("");
        await ImportAsync(_workspace.Folder, "gemeenten", "scholen");

        var (code, _, error) = await _workspace.RunAsync("validate", "--scheme", "elders", "--db", _workspace.Database, "--schemes", _workspace.Schemes);

        Assert.Equal(1, code);
        var file = Path.Combine(_workspace.Schemes, "elders.json");
        Assert.Contains($"{file}: key 'participants': municipality GM0999 is not in the registry (import gemeenten)", error, StringComparison.Ordinal);
        Assert.Contains($"{file}: key 'schools': school location 31CD00 is not in the registry (import scholen)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDemoSchemes_AfterTheDemoImport_AreOk_ExitZero()
    {
        await ImportDemoRegionAsync();

        var (code, output, error) = await _workspace.RunAsync("validate", "--schemes", DemoSchemes, "--db", _workspace.Database);

        Assert.True(code == 0, error);
        Assert.All(DemoIds, id => Assert.Contains($"OK {id} ", output, StringComparison.Ordinal));
        Assert.Contains("9 scheme file(s) checked, 0 with problems (0 in all).", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schemes_ListsEachDemoScheme_WithPoolKeyFlowAndYears()
    {
        await ImportDemoRegionAsync();

        var (code, output, error) = await _workspace.RunAsync("schemes", "--schemes", DemoSchemes, "--db", _workspace.Database);

        Assert.True(code == 0, error);
        Assert.All(DemoIds, id => Assert.Contains(id, output, StringComparison.Ordinal));
        Assert.Contains("lead GM0363", output, StringComparison.Ordinal);
        Assert.Contains("cashier GM0014", output, StringComparison.Ordinal);
        Assert.Contains("2027: pool.normHoursPerWeek = 6", output, StringComparison.Ordinal);
        Assert.Contains("estimate (€ 62.50 × 40 wk)", output, StringComparison.Ordinal);
        Assert.Contains("funder GM0796", output, StringComparison.Ordinal);
        Assert.Contains("9 scheme(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schemes_ShowsTheLastSettledMonth()
    {
        _workspace.WriteScheme();
        _workspace.WriteRegion("B1;cl-a;GM0209;30AB;00;Aanbieder;JZ;JW;4;2026-01-01;");
        await ImportAsync(_workspace.Folder, "gemeenten", "scholen", "leerlingen", "beschikkingen");
        var settle = await _workspace.RunAsync(_workspace.With("settle", "--scheme", Workspace.SchemeId, "--period", "2026-03", "--invoice-date", "2026-04-01"));
        Assert.True(settle.ExitCode == 0, settle.Error);

        var (code, output, error) = await _workspace.RunAsync("schemes", "--db", _workspace.Database, "--schemes", _workspace.Schemes);

        Assert.True(code == 0, error);
        var row = output.Split('\n').Single(l => l.Contains(Workspace.SchemeId, StringComparison.Ordinal));
        Assert.Contains("per-child", row, StringComparison.Ordinal);
        Assert.Contains("children", row, StringComparison.Ordinal);
        Assert.Contains("lead GM0268", row, StringComparison.Ordinal);
        Assert.Contains("2026-03", row, StringComparison.Ordinal);
    }
}
