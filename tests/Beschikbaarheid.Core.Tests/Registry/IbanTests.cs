using Beschikbaarheid.Core.Registry;

namespace Beschikbaarheid.Core.Tests.Registry;

/// <summary>ISO 13616: a known country, that country's length, ASCII letters and digits, and mod 97 equal to 1.</summary>
public class IbanTests
{
    [Fact]
    public void Parse_AcceptsTheStandardDutchExample_WorkedByHand()
    {
        // NL91ABNA0417164300: move "NL91" to the end → ABNA0417164300NL91; letters become two digits
        // (A=10, B=11, N=23, L=21) → 10 11 23 10 0417164300 23 21 91 = 101123100417164300232191.
        // Mod 97 piece by piece (9 digits, then the remainder in front of the next 7):
        //   101123100 mod 97 = 18   (97 × 1042506 = 101123082, 101123100 − 101123082 = 18)
        //   184171643 mod 97 = 71   (97 × 1898676 = 184171572, 184171643 − 184171572 = 71)
        //   710023219 mod 97 = 0    (97 × 7319827 = 710023219)
        //   001       mod 97 = 1    → valid.
        var iban = Iban.Parse("NL91ABNA0417164300");
        Assert.Equal("NL91ABNA0417164300", iban.Value);
        Assert.Equal("NL", iban.Country);
    }

    [Theory]
    [InlineData("NL91 ABNA 0417 1643 00", "NL91ABNA0417164300")] // printed form: spaces removed
    [InlineData("nl91abna0417164300", "NL91ABNA0417164300")] // upper-cased
    [InlineData("BE68 5390 0754 7034", "BE68539007547034")] // Belgium, 16
    [InlineData("DE89 3704 0044 0532 0130 00", "DE89370400440532013000")] // Germany, 22
    [InlineData("GB29 NWBK 6016 1331 9268 19", "GB29NWBK60161331926819")] // United Kingdom, 22
    public void Parse_RemovesSpacesAndUpperCases(string text, string value) => Assert.Equal(value, Iban.Parse(text).Value);

    [Theory]
    [InlineData("NL00BANK0123456789", "fails the check digits (mod 97)")] // the old demo value
    [InlineData("NL92ABNA0417164300", "fails the check digits (mod 97)")] // one check digit off
    [InlineData("NL91ABNA0417164301", "fails the check digits (mod 97)")] // one account digit off
    [InlineData("NL91ABNA041716430", "has 17 characters, but an IBAN of NL has 18")]
    [InlineData("BE685390075470344", "has 17 characters, but an IBAN of BE has 16")]
    [InlineData("XX91ABNA0417164300", "has an unknown country code XX")]
    [InlineData("US12345678901234567", "has an unknown country code US")]
    [InlineData("hello", "does not start with a country code and two check digits")]
    [InlineData("NL", "does not start with a country code and two check digits")]
    [InlineData("", "is empty")]
    [InlineData("   ", "is empty")]
    [InlineData("NL91-ABNA-0417-1643-00", "may hold only ASCII letters and digits (and spaces)")]
    [InlineData("NL91\tABNA0417164300", "may hold only ASCII letters and digits (and spaces)")] // only spaces are removed
    [InlineData("NL91ABNA04171643\uFF10\uFF10", "may hold only ASCII letters and digits (and spaces)")] // full-width zeros
    [InlineData("NL91ABNA\u0660417164300", "may hold only ASCII letters and digits (and spaces)")] // Arabic-Indic zero
    public void TryParse_RefusesWithAReason(string text, string reason)
    {
        Assert.False(Iban.TryParse(text, out _, out var problem));
        Assert.Equal(reason, problem);
    }

    [Fact]
    public void Parse_NamesTheTextAndTheReason() =>
        Assert.Equal("IBAN 'hello' does not start with a country code and two check digits.",
            Assert.Throws<FormatException>(() => Iban.Parse("hello")).Message);

    [Fact]
    public void TryParse_RefusesNull() => Assert.False(Iban.TryParse(null, out _));
}
