using NginxIngress.Controller.Diagnostics;

namespace NginxIngress.Integration.Tests.Controller;

/// <summary>What /healthz answers, for the pod's readiness and liveness probes, in each state of the controller.</summary>
public sealed class ControllerHealthTests
{
    [Test]
    public void Not_ready_until_the_first_config_is_verified_live_even_if_nginx_already_answers()
    {
        var health = new ControllerHealth { DesiredVersion = "bbb" };

        var verdict = health.Assess(served: "aaa", loopRunning: true);

        Assert.That(verdict.Healthy, Is.False);
        Assert.That(verdict.Reason, Does.Contain("no configuration is live yet").And.Contain("bbb"));
    }

    [Test]
    public void Once_a_config_was_live_any_version_nginx_answers_is_healthy_so_reloads_and_failing_configs_do_not_flap()
    {
        var health = new ControllerHealth();
        health.WentLive("aaa");
        // A newer config passed nginx -t and is being reloaded, or failed to load and was rolled back.
        health.DesiredVersion = "bbb";

        Assert.Multiple(() =>
        {
            Assert.That(health.Assess(served: "aaa", loopRunning: true), Is.EqualTo(new HealthVerdict(true, "ok")));
            Assert.That(health.Assess(served: "bbb", loopRunning: true), Is.EqualTo(new HealthVerdict(true, "ok")));
        });
    }

    [Test]
    public void Unhealthy_again_when_nginx_stops_answering_or_the_reconcile_loop_has_stopped()
    {
        var health = new ControllerHealth();
        health.WentLive("aaa");

        Assert.Multiple(() =>
        {
            Assert.That(health.Assess(served: null, loopRunning: true).Healthy, Is.False, "nginx does not answer");
            Assert.That(health.Assess(served: "aaa", loopRunning: false).Healthy, Is.False, "the loop has stopped");
        });
    }

    [Test]
    public void The_first_live_version_is_kept_when_later_ones_go_live()
    {
        var health = new ControllerHealth();
        health.WentLive("aaa");
        health.WentLive("bbb");

        Assert.That(health.FirstLiveVersion, Is.EqualTo("aaa"));
    }
}
