using Vtis.GhostCut;

namespace Vtis.GhostCutTests;

public sealed class FailureDescriptionTests
{
    [TestCase(2, "link could not be resolved")]
    [TestCase(3, "could not be downloaded")]
    [TestCase(5, "too long")]
    [TestCase(99, "too long")]
    [TestCase(16, "corrupt")]
    [TestCase(20, "failed")]
    [TestCase(100, "too large")]
    public void Known_codes_get_a_user_message(int status, string expected)
    {
        var failure = GhostCutFailures.Describe(status, null);

        Assert.That(failure.Message, Does.Contain(expected));
        Assert.That((failure.IsRetryable, failure.IsOperatorProblem), Is.EqualTo((false, false)));
    }

    [TestCase(18)]
    [TestCase(23)]
    [TestCase(111)]
    public void Timeouts_are_retryable(int status)
    {
        var failure = GhostCutFailures.Describe(status, null);

        Assert.That((failure.IsRetryable, failure.Message), Is.EqualTo((true, "Processing the video timed out.")));
    }

    [TestCase(73)]
    [TestCase(83)]
    public void Out_of_points_is_an_operator_problem_shown_as_temporarily_unavailable(int status)
    {
        var failure = GhostCutFailures.Describe(status, "balance is insufficient");

        Assert.That(failure.IsOperatorProblem, Is.True);
        Assert.That(failure.Message, Does.Contain("temporarily unavailable").And.Not.Contain("balance"));
    }

    [Test]
    public void Input_validation_appends_the_detail()
    {
        Assert.That(GhostCutFailures.Describe(26, " resolution too small ").Message,
            Is.EqualTo("The video did not pass input validation: resolution too small"));
        Assert.That(GhostCutFailures.Describe(26, "").Message, Is.EqualTo("The video did not pass input validation."));
    }

    [Test]
    public void Unknown_codes_get_a_generic_message_naming_the_code()
    {
        var failure = GhostCutFailures.Describe(42, "internal");

        Assert.That(failure.Message, Is.EqualTo("Removing the text from this video failed (error 42)."));
    }
}
