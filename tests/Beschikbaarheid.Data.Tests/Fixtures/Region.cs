using System.Text;
using Beschikbaarheid.Data.Import;

namespace Beschikbaarheid.Data.Tests.Fixtures;

/// <summary>A tiny region in CSV form: the files a test imports before the rows it is about.</summary>
public static class Region
{
    public const string Gemeenten = """
        gemeentecode;naam;provincie;adres;postcode;plaats;oin;iban;contactpersoon;email
        GM0268;Nijmegen;Gelderland;Korte Nieuwstraat 6;6511 PP;Nijmegen;00000001001234567000;NL72 BNGH 0285 0030 03;J. de Vries;crediteuren@nijmegen.example
        GM0209;Beuningen;Gelderland;;;;;;;
        GM1945;Berg en Dal;Gelderland;;;;;;;
        GM0202;Arnhem;Gelderland;;;;;;;
        """;

    public const string Scholen = """
        brin;vestiging;naam;bestuursnummer;bestuursnaam;gemeentecode;sector
        30AB;00;St. Maartenschool;41234;Stichting SO Nijmegen;GM0268;SO
        31CD;00;De Meander;41234;Stichting SO Nijmegen;GM0268;SBO
        """;

    public const string BeschikkingHeader = "beschikkingnummer;client;woongemeente;brin;vestiging;aanbieder;categorie;wet;uren_per_week;ingangsdatum;einddatum";

    public static string Write(string folder, string name, string content, Encoding? encoding = null)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content.ReplaceLineEndings("\n") + "\n", encoding ?? new UTF8Encoding(false));
        return path;
    }

    public static async Task ImportRegistryAsync(TestDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var importer = new CsvImporter(database.Connections, TimeProvider.System);
        await importer.ImportAsync(ImportKind.Gemeenten, Write(database.Folder, "gemeenten.csv", Gemeenten));
        await importer.ImportAsync(ImportKind.Scholen, Write(database.Folder, "scholen.csv", Scholen));
    }
}
