using System.Text;
using Vtis.GhostCut;

namespace Vtis.GhostCutTests;

public sealed class SignatureTests
{
    private const string Secret = "test-secret";

    [TestCase("{\"idWorks\":[476993630]}", "fccfba728aa4fb341b77f37cbb3fee84")]
    [TestCase("{\"id\":488026661,\"idProject\":230953994,\"processStatus\":1,\"videoUrl\":\"https://example.com/result.mp4\",\"errorDetail\":\"\"}",
        "3a2195dfafa6901c9181a225372fec4a")]
    [TestCase("{}", "91203d6fb8ba9859a8c8fb5835547ddc")]
    public void Sign_matches_the_protocol_vectors(string body, string expected)
    {
        Assert.That(GhostCutSignature.Sign(Encoding.UTF8.GetBytes(body), Secret), Is.EqualTo(expected));
    }

    [Test]
    public void Verify_accepts_the_signature_of_the_same_bytes()
    {
        var body = Encoding.UTF8.GetBytes("{\"idWorks\":[476993630]}");

        Assert.That(GhostCutSignature.Verify(body, "fccfba728aa4fb341b77f37cbb3fee84", Secret), Is.True);
    }

    [Test]
    public void Verify_rejects_a_tampered_body()
    {
        var tampered = Encoding.UTF8.GetBytes("{\"idWorks\":[476993631]}");

        Assert.That(GhostCutSignature.Verify(tampered, "fccfba728aa4fb341b77f37cbb3fee84", Secret), Is.False);
    }

    [Test]
    public void Verify_rejects_a_whitespace_change_because_the_raw_bytes_are_signed()
    {
        var reformatted = Encoding.UTF8.GetBytes("{\"idWorks\": [476993630]}");

        Assert.That(GhostCutSignature.Verify(reformatted, "fccfba728aa4fb341b77f37cbb3fee84", Secret), Is.False);
    }

    [Test]
    public void Verify_rejects_an_uppercase_signature()
    {
        var body = Encoding.UTF8.GetBytes("{}");

        Assert.That(GhostCutSignature.Verify(body, "91203D6FB8BA9859A8C8FB5835547DDC", Secret), Is.False);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("91203d6fb8ba9859a8c8fb5835547dd")]
    public void Verify_rejects_a_missing_or_malformed_signature(string? signature)
    {
        Assert.That(GhostCutSignature.Verify(Encoding.UTF8.GetBytes("{}"), signature, Secret), Is.False);
    }

    [Test]
    public void Verify_rejects_a_signature_made_with_another_secret()
    {
        var body = Encoding.UTF8.GetBytes("{}");

        Assert.That(GhostCutSignature.Verify(body, GhostCutSignature.Sign(body, "other-secret"), Secret), Is.False);
    }
}
