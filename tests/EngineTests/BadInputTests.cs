using Vtis.Engine;
using Vtis.EngineTests.Support;

namespace Vtis.EngineTests;

public sealed class BadInputTests
{
    [TestCase("random bytes")]
    [TestCase("truncated mp4")]
    [TestCase("text named .mp4")]
    [TestCase("empty file")]
    [TestCase("audio only")]
    public async Task Unreadable_input_is_refused_with_a_clear_message_and_no_output(string kind)
    {
        var input = await (kind switch
        {
            "random bytes" => Clips.RandomBytes,
            "truncated mp4" => Clips.Truncated,
            "text named .mp4" => Clips.TextNamedMp4,
            "empty file" => Clips.Empty,
            _ => Clips.AudioOnly,
        });
        var folder = Workspace.NewOutputFolder();
        var request = new RemovalRequest { InputPath = input, OutputPath = Path.Combine(folder, "out.mp4") };

        var error = Assert.ThrowsAsync<EngineInputException>(() => Workspace.Engine.RunAsync(request));
        TestContext.Out.WriteLine(error!.Message);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Message, Is.Not.Empty);
            Assert.That(error.Message, Does.Not.Contain('\n'), "one sentence for the user, not a tool's log");
            Assert.That(error.Message, Has.Length.LessThanOrEqualTo(300));
            Assert.That(error.Message, Does.Not.Contain(Path.GetDirectoryName(input)), "no server paths in a message for the user");
            Assert.That(Directory.GetFileSystemEntries(folder), Is.Empty, "nothing written");
        }
    }
}
