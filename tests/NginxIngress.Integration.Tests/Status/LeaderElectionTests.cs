using k8s.Models;
using Microsoft.Extensions.Logging;
using NginxIngress.Kubernetes.Status;

namespace NginxIngress.Integration.Tests.Status;

/// <summary>
/// The Lease election through the real KubernetesClient and the emulator's optimistic concurrency. Timings: lease 2 s,
/// renew deadline 1 s, retry 0.25 s. Pitfall 13's traps each have a test: a lost lease is retried (the library's
/// elector returns after losing it once), a 403 on leases is logged as an error, and the identity is unique per pod.
/// </summary>
public sealed class LeaderElectionTests : StatusClusterTest
{
    [Test]
    public async Task Two_electors_on_one_lease_elect_exactly_one_leader()
    {
        var a = await StartReplicaAsync("a");
        var b = await StartReplicaAsync("b");

        await TimeUntilAsync(() => a.IsLeader || b.IsLeader, LeaseDuration + Slack, "a leader elected");
        // Watch two full lease durations: the follower keeps polling and must never also believe it leads.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < 2 * LeaseDuration)
        {
            Assert.That(a.IsLeader && b.IsLeader, Is.False, "both replicas lead at once");
            Assert.That(a.IsLeader || b.IsLeader, Is.True, "the leader stepped down while nothing disturbed it");
            await Task.Delay(10, CancellationToken.None);
        }

        var leader = a.IsLeader ? a : b;
        var lease = Emulator.Get<V1Lease>("ingress-nginx", LeaseName);
        Assert.That(lease?.Spec.HolderIdentity, Is.EqualTo(leader.Election.Identity));
    }

    [Test]
    public async Task When_the_leader_stops_without_releasing_the_other_takes_over_within_the_lease_duration()
    {
        var a = await StartReplicaAsync("a");
        await TimeUntilAsync(() => a.IsLeader, Deadline, "a leads");
        var b = await StartReplicaAsync("b");
        await TimeUntilAsync(() => Emulator.CountRequests("get", "leases") > 4, Deadline, "b polls the Lease");

        await a.StopElectionAsync(Deadline);
        // The follower saw the last renewal at most one retry after it was written, and re-checks every retry period.
        var bound = LeaseDuration + 2 * RetryPeriod + Slack;
        var takeover = await TimeUntilAsync(() => b.IsLeader, bound, "b takes over");

        Assert.That(takeover, Is.GreaterThan(LeaseDuration / 2), "b took a Lease that had not expired");
        Assert.That(Emulator.Get<V1Lease>("ingress-nginx", LeaseName)?.Spec.HolderIdentity, Is.EqualTo(b.Election.Identity));
    }

    [Test]
    public async Task A_lost_lease_is_retried_and_regained_once_the_other_holder_lets_it_expire()
    {
        var a = await StartReplicaAsync("a");
        await TimeUntilAsync(() => a.IsLeader, Deadline, "a leads");
        var changes = new List<bool>();
        a.Election.LeadershipChanged += changes.Add;

        // Another holder writes the Lease, then never renews it.
        var lease = Emulator.Get<V1Lease>("ingress-nginx", LeaseName)!;
        lease.Spec.HolderIdentity = "intruder";
        lease.Spec.RenewTime = DateTime.UtcNow;
        Emulator.Apply(lease);

        await TimeUntilAsync(() => !a.IsLeader, RenewDeadline + RetryPeriod + Slack, "a steps down");
        // Back off one retry, then wait out the intruder's lease as seen from the new round's first read.
        var bound = 2 * RetryPeriod + LeaseDuration + 2 * RetryPeriod + Slack;
        await TimeUntilAsync(() => a.IsLeader, bound, "a leads again");

        Assert.That(changes, Is.EqualTo(new[] { false, true }));
        Assert.That(Emulator.Get<V1Lease>("ingress-nginx", LeaseName)?.Spec.HolderIdentity, Is.EqualTo(a.Election.Identity));
    }

    [Test]
    public async Task A_forbidden_lease_is_logged_as_an_error_and_retried()
    {
        Emulator.FailNextRequests(3, 403, "leases");

        var a = await StartReplicaAsync("a");

        await TimeUntilAsync(() => a.IsLeader, Deadline, "a leads once the API allows it");
        var forbidden = a.ElectionLog.Entries.Where(entry => entry.Id.Id == 604).ToList();
        Assert.That(forbidden, Has.Count.EqualTo(3));
        Assert.That(forbidden.Select(entry => entry.Level), Is.All.EqualTo(LogLevel.Error));
        Assert.That(forbidden[0].Message, Does.Contain("403").And.Contain("get"));
    }

    [Test]
    public void Identity_is_unique_per_process_and_starts_with_the_pod_name()
    {
        var first = LeaseElectionOptions.NewIdentity();
        var second = LeaseElectionOptions.NewIdentity();

        Assert.That(first, Is.Not.EqualTo(second));
        Assert.That(first, Does.StartWith((Environment.GetEnvironmentVariable("POD_NAME") is { Length: > 0 } pod ? pod : Environment.MachineName) + "_"));
    }
}
