using NginxIngress.Controller.Hosting;

namespace NginxIngress.Integration.Tests.Controller;

/// <summary>A config that keeps failing is retried ever more slowly, is reported once, and a new change starts afresh.</summary>
[TestFixture]
public sealed class RetryBackoffTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [TestCase(1, 2)]
    [TestCase(2, 4)]
    [TestCase(3, 8)]
    [TestCase(6, 64)]
    [TestCase(7, 120)]
    [TestCase(50, 120)]
    public void Each_further_failure_doubles_the_wait_up_to_two_minutes(int attempt, int seconds)
    {
        Assert.That(RetryBackoff.DelayAfter(attempt), Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }

    [Test]
    public void The_same_version_failing_again_is_not_a_first_failure()
    {
        var backoff = new RetryBackoff();

        var first = backoff.Failed("v1", Start);
        var second = backoff.Failed("v1", Start + first.Delay);

        Assert.That(first, Is.EqualTo((TimeSpan.FromSeconds(2), true)));
        Assert.That(second, Is.EqualTo((TimeSpan.FromSeconds(4), false)));
        Assert.That(backoff.Attempts, Is.EqualTo(2));
    }

    [Test]
    public void A_new_version_is_a_new_change_and_starts_again()
    {
        var backoff = new RetryBackoff();
        backoff.Failed("v1", Start);
        backoff.Failed("v1", Start);

        Assert.That(backoff.Failed("v2", Start), Is.EqualTo((TimeSpan.FromSeconds(2), true)));
    }

    [Test]
    public void A_failed_version_waits_out_its_delay_and_other_versions_do_not_wait()
    {
        var backoff = new RetryBackoff();
        backoff.Failed("v1", Start);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(backoff.IsWaiting("v1", Start + TimeSpan.FromSeconds(1)), Is.True);
            Assert.That(backoff.IsWaiting("v1", Start + TimeSpan.FromSeconds(2)), Is.False);
            Assert.That(backoff.IsWaiting("v2", Start), Is.False);
        }
    }

    [Test]
    public void Retry_now_ends_the_wait_but_keeps_the_failure_reported()
    {
        var backoff = new RetryBackoff();
        backoff.Failed("v1", Start);

        backoff.RetryNow(Start);

        Assert.That(backoff.IsWaiting("v1", Start), Is.False);
        Assert.That(backoff.Failed("v1", Start).FirstFailure, Is.False);
    }

    [Test]
    public void Success_forgets_the_failure()
    {
        var backoff = new RetryBackoff();
        backoff.Failed("v1", Start);

        backoff.Succeeded();

        Assert.That(backoff.Failed("v1", Start).FirstFailure, Is.True);
    }
}
