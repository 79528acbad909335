using Vtis.Engine;

namespace Vtis.EngineTests;

public sealed class TextRegionParseTests
{
    [Test]
    public void A_rectangle_of_fractions_is_parsed() =>
        Assert.That(TextRegion.Parse("0.1,0.8,0.9,0.95"), Is.EqualTo(new TextRegion(0.1, 0.8, 0.9, 0.95)));

    [Test]
    public void A_time_range_limits_the_region()
    {
        var region = TextRegion.Parse("0,0,1,0.2@1.5-3");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(region, Is.EqualTo(new TextRegion(0, 0, 1, 0.2, 1.5, 3)));
            Assert.That(region.ActiveAt(1), Is.False);
            Assert.That(region.ActiveAt(2), Is.True);
            Assert.That(region.ActiveAt(3.5), Is.False);
        }
    }

    [TestCase("0,0,1,0.2@-3", null, 3.0)]
    [TestCase("0,0,1,0.2@1.5-", 1.5, null)]
    public void Either_end_of_the_time_range_may_be_open(string text, double? start, double? end) =>
        Assert.That(TextRegion.Parse(text), Is.EqualTo(new TextRegion(0, 0, 1, 0.2, start, end)));

    [TestCase("")]
    [TestCase("0.1,0.8,0.9")]
    [TestCase("0.1,0.8,0.9,0.95,0.5")]
    [TestCase("a,b,c,d")]
    [TestCase("0.1;0.8;0.9;0.95")]
    [TestCase("0.9,0.8,0.1,0.95")]
    [TestCase("0.1,0.8,0.9,0.8")]
    [TestCase("0,0,1.5,1")]
    [TestCase("-0.1,0,1,1")]
    [TestCase("NaN,0,1,1")]
    [TestCase("0,0,1,1@1.5")]
    [TestCase("0,0,1,1@3-1.5")]
    [TestCase("0,0,1,1@x-3")]
    [TestCase("0,0,1,1@1-2-3")]
    public void Malformed_regions_are_refused(string text) =>
        Assert.That(() => TextRegion.Parse(text), Throws.TypeOf<FormatException>());
}
