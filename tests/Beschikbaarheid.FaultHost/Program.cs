// Usage: faulthost PAUSE_AFTER_INVOICES DB_FILE SCHEMES_DIR OUT_DIR SCHEME PERIOD INVOICE_DATE
// Settles one month through the engine's own services, and after the given number of invoices holds the
// issuing transaction open (printing "paused after N invoice(s)" on stderr) so a test can kill it there.
using System.Globalization;
using Beschikbaarheid.Core.Periods;
using Beschikbaarheid.Data.Settlement;
using Beschikbaarheid.Worker.Application;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Database:File"] = args[1],
    ["Paths:Schemes"] = args[2],
    ["Paths:Output"] = args[3],
}).Build();
await using var services = new ServiceCollection()
    .AddLogging()
    .AddEngine(configuration)
    .AddSingleton<IIssueProbe>(new PauseAfter(int.Parse(args[0], CultureInfo.InvariantCulture)))
    .BuildServiceProvider();
var outcome = await services.GetRequiredService<SettlementService>().SettleAsync(
    args[4], YearMonth.Parse(args[5]), "fault-host", DateOnly.Parse(args[6], CultureInfo.InvariantCulture));
Console.WriteLine(outcome.Status);

/// <summary>Holds the transaction open after the given number of invoices, long enough to be killed.</summary>
internal sealed class PauseAfter(int invoices) : IIssueProbe
{
    public void InvoiceWritten(int written)
    {
        if (written == invoices)
        {
            Console.Error.WriteLine($"paused after {written} invoice(s)");
            Thread.Sleep(TimeSpan.FromMinutes(2));
        }
    }
}
