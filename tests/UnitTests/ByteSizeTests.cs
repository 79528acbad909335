using Vtis.ServiceInterface.Common;

namespace Vtis.UnitTests;

/// <summary>Sizes in problem messages: a limit under 1 MiB used to read "limit of 0 MiB".</summary>
public sealed class ByteSizeTests
{
    [TestCase(0L, "0 bytes")]
    [TestCase(1L, "1 byte")]
    [TestCase(1000L, "1000 bytes")]
    [TestCase(1024L, "1 KiB")]
    [TestCase(512L * 1024, "512 KiB")]
    [TestCase(1024L * 1024 - 1, "1024 KiB")]
    [TestCase(1536L * 1024, "1.5 MiB")]
    [TestCase(8L * 1024 * 1024, "8 MiB")]
    [TestCase(640L * 1024 * 1024, "640 MiB")]
    [TestCase(2L * 1024 * 1024 * 1024, "2 GiB")]
    public void Formats_sizes_as_people_read_them(long bytes, string expected) =>
        Assert.That(ByteSize.Format(bytes), Is.EqualTo(expected));

    [Test]
    public void The_oversize_problem_names_a_limit_under_one_mebibyte()
    {
        var problem = Problems.VideoTooLarge(500 * 1024);
        Assert.That(problem.Status, Is.EqualTo(413));
        Assert.That(problem.Detail, Does.Contain("limit of 500 KiB").And.Not.Contain("0 MiB"));
    }
}
