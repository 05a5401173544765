using Beschikbaarheid.Reports.Xlsx;

namespace Beschikbaarheid.Reports.Tests.Xlsx;

/// <summary>How many lines a wrapped cell takes, which sets its row's height.</summary>
public class XlsxSheetLinesTests
{
    // A column of 31 characters holds (int)(31 × 1.15) − 2 = 33 characters a line.
    [Theory]
    [InlineData("", 1)]
    [InlineData("Basisschool De Meander", 1)]
    // 10 + 1 + 10 + 1 + 11 = 33 characters: one line; one more word and it wraps.
    [InlineData("aaaaaaaaaa bbbbbbbbbb ccccccccccc", 1)]
    [InlineData("aaaaaaaaaa bbbbbbbbbb ccccccccccc d", 2)]
    // A word longer than a line takes ⌈70 ÷ 33⌉ = 3 lines.
    [InlineData("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", 3)]
    // A line break starts a line; an empty paragraph is a line too.
    [InlineData("a\nb", 2)]
    [InlineData("a\n\nb", 3)]
    public void CountsTheLinesOfAWrappedText_InAColumnOf31Characters(string text, int lines) =>
        Assert.Equal(lines, XlsxSheet.Lines(text, 31));

    /// <summary>Against the rule written out with <see cref="string.Split(char, StringSplitOptions)"/>, as the sheet once counted.</summary>
    [Fact]
    public void CountsAsSplittingIntoParagraphsAndWords()
    {
        string[] pieces = ["a", "Basisschool", "De", "Meander", " ", "\n", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"];
        double[] widths = [1, 8.5, 14, 31, 60];
        for (var seed = 0; seed < 2_000; seed++)
        {
            var random = new Random(seed);
            var text = string.Concat(Enumerable.Range(0, random.Next(12)).Select(_ => pieces[random.Next(pieces.Length)]));
            var width = widths[random.Next(widths.Length)];
            Assert.True(BySplitting(text, width) == XlsxSheet.Lines(text, width), $"seed {seed}: \"{text}\" in {width}");
        }
    }

    private static int BySplitting(string text, double width)
    {
        var capacity = Math.Max(1, (int)(width * 1.15) - 2);
        var lines = 0;
        foreach (var paragraph in text.Split('\n'))
        {
            var used = 0;
            lines++;
            foreach (var word in paragraph.Split(' '))
            {
                if (used > 0 && used + 1 + word.Length > capacity)
                {
                    lines++;
                    used = 0;
                }
                used += (used > 0 ? 1 : 0) + word.Length;
                while (used > capacity)
                {
                    lines++;
                    used -= capacity;
                }
            }
        }
        return lines;
    }
}
