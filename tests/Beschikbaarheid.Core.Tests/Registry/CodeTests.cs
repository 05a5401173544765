using Beschikbaarheid.Core.Registry;

namespace Beschikbaarheid.Core.Tests.Registry;

/// <summary>Codes are ASCII, trimmed of spaces and tabs only, upper case; identifiers are NFC without invisible characters.</summary>
public class CodeTests
{
    [Theory]
    [InlineData("GM0268", "GM0268")]
    [InlineData("gm0268", "GM0268")]
    [InlineData(" \tGm0268 \t", "GM0268")]
    public void MunicipalityCode_TrimsSpacesAndTabs_AndUpperCasesItsPrefix(string text, string code)
    {
        Assert.True(MunicipalityCode.TryParse(text, out var parsed));
        Assert.Equal(code, parsed.Value);
    }

    [Theory]
    [InlineData("GM\uFF10\uFF12\uFF16\uFF18")] // full-width digits
    [InlineData("GM\u0660\u0662\u0666\u0668")] // Arabic-Indic digits
    [InlineData("\uFF27\uFF2D0268")] // full-width G and M
    [InlineData("\u00A0GM0268")] // a no-break space is not trimmed
    [InlineData("GM0268\u200B")] // zero-width space
    [InlineData("\uFEFFGM0268")] // byte-order mark
    [InlineData("GM 0268")]
    [InlineData("GM02680")]
    [InlineData("")]
    public void MunicipalityCode_RefusesAnythingButAsciiGmAndFourDigits(string text) =>
        Assert.False(MunicipalityCode.TryParse(text, out _));

    [Theory]
    [InlineData("30AB", "00", "30AB00")]
    [InlineData("30ab", "00", "30AB00")]
    [InlineData(" 30aB\t", "\t01 ", "30AB01")]
    public void SchoolLocation_TrimsSpacesAndTabs_AndUpperCasesTheBrin(string brin, string vestiging, string id)
    {
        Assert.True(SchoolLocationId.TryCreate(brin, vestiging, out var parsed));
        Assert.Equal(id, parsed.ToString());
    }

    [Theory]
    [InlineData("40a\u017F", "00")] // long s: ToUpperInvariant would make it 40AS
    [InlineData("40A\u212A", "00")] // Kelvin sign, a look-alike K
    [InlineData("30\u0131B", "00")] // dotless i
    [InlineData("\uFF130AB", "00")] // full-width 3
    [InlineData("30AB", "0\u0660")] // Arabic-Indic zero
    [InlineData("30AB", "\u00A000")] // no-break space
    [InlineData("30AB\u200B", "00")]
    [InlineData("3XAB", "00")]
    [InlineData("30AB", "0")]
    public void SchoolLocation_RefusesLookAlikesAndNonAsciiDigits(string brin, string vestiging)
    {
        Assert.False(SchoolLocationId.TryCreate(brin, vestiging, out _));
        Assert.False(SchoolLocationId.TryParse(brin + vestiging, out _));
    }

    [Fact]
    public void SchoolLocation_ParsesTheJoinedFormInAnyAsciiCase()
    {
        Assert.True(SchoolLocationId.TryParse(" 30ab00 ", out var id));
        Assert.Equal("30AB00", id.ToString());
    }

    [Theory]
    [InlineData("AMS-021\u200B", "format character (U+200B)")]
    [InlineData("\uFEFFAMS-021", "format character (U+FEFF)")]
    [InlineData("AMS\u0000021", "control character (U+0000)")]
    [InlineData("AMS-021\r", "control character (U+000D)")]
    public void Identifier_RefusesControlFormatAndBrokenCharacters(string text, string problem)
    {
        Assert.Null(Identifier.Normalize(text, out var why));
        Assert.Contains(problem, why, StringComparison.Ordinal);
    }

    [Fact]
    public void Identifier_RefusesAnUnpairedSurrogate()
    {
        // Built here, not in InlineData: test-case serialisation would replace the lone surrogate by U+FFFD.
        var text = "AMS" + (char)0xD800 + "021";
        Assert.Null(Identifier.Normalize(text, out var why));
        Assert.Contains("unpaired surrogate (U+D800)", why, StringComparison.Ordinal);
    }

    [Fact]
    public void Identifier_IsStoredInNfc_SoTwoSpellingsAreOneId()
    {
        // "é" precomposed (U+00E9) and "e" + combining acute (U+0301) are one id.
        Assert.Equal("cl-\u00E9", Identifier.Normalize("cl-e\u0301", out var problem));
        Assert.Null(problem);
        Assert.Equal("cl-\u00E9", Identifier.Normalize("cl-\u00E9", out _));
    }

    [Fact]
    public void Identifier_KeepsCase_AndCharactersOutsideTheBasicPlane()
    {
        Assert.Equal("ams-021", Identifier.Normalize("ams-021", out _));
        Assert.NotEqual(Identifier.Normalize("AMS-021", out _), Identifier.Normalize("ams-021", out _));
        Assert.Equal("cl-\U0001F600", Identifier.Normalize("cl-\U0001F600", out _));
    }

    [Fact]
    public void FreeText_AllowsFormatCharacters_ButNotControlCharacters()
    {
        Assert.Null(Identifier.InvisibleInText("Zorg\u00ADcoöperatie"));
        Assert.Contains("control character (U+0000)", Identifier.InvisibleInText("Zorg\u0000"), StringComparison.Ordinal);
    }
}
