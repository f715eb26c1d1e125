using Microsoft.Extensions.Logging.Abstractions;
using NginxIngress.Nginx.Runtime;

namespace NginxIngress.Nginx.Tests.Runtime;

/// <summary>
/// The bound on worker generations a reload leaves alive: a reload waits while the generations would exceed it,
/// polls until old ones drain, and after the maximum wait goes ahead anyway. Time is <see cref="ManualTime"/>'s.
/// </summary>
public sealed class ReloadGateTests
{
    private static readonly ReloadGateOptions Bound4 = new() { MaxGenerations = 4, MaxWait = TimeSpan.FromSeconds(30), PollInterval = TimeSpan.FromMilliseconds(100) };

    [Test]
    public async Task A_reload_goes_ahead_at_once_while_it_stays_within_the_bound()
    {
        var (gate, time, _) = Gate(Bound4, 3);

        var wait = await time.DriveAsync(gate.WaitAsync(CancellationToken.None));

        Assert.That(wait, Is.EqualTo(new ReloadWait(TimeSpan.Zero, GaveUp: false, Generations: 3)));
        Assert.That(time.TimersStarted, Is.Zero);
    }

    [Test]
    public async Task A_reload_waits_until_old_generations_drain_below_the_bound()
    {
        // Four alive: the reload would make five. The oldest drains after two polls.
        var (gate, time, polls) = Gate(Bound4, 4, 4, 5, 3);

        var wait = await time.DriveAsync(gate.WaitAsync(CancellationToken.None));

        Assert.That(wait, Is.EqualTo(new ReloadWait(TimeSpan.FromMilliseconds(300), GaveUp: false, Generations: 3)));
        Assert.That(polls.Count, Is.EqualTo(4));
    }

    [Test]
    public async Task A_reload_goes_ahead_after_the_maximum_wait_when_old_workers_keep_their_connections()
    {
        var (gate, time, polls) = Gate(Bound4 with { MaxWait = TimeSpan.FromSeconds(1) }, 6);
        var reported = new List<ReloadWait>();
        gate.Waited += reported.Add;

        var wait = await time.DriveAsync(gate.WaitAsync(CancellationToken.None));

        Assert.That(wait, Is.EqualTo(new ReloadWait(TimeSpan.FromSeconds(1), GaveUp: true, Generations: 6)));
        Assert.That(polls.Count, Is.EqualTo(11), "one look at once, then one per 100 ms for a second");
        Assert.That(reported, Is.EqualTo(new[] { wait }), "metrics hear of it");
    }

    [Test]
    public async Task The_last_sleep_is_cut_short_so_the_wait_never_exceeds_its_maximum()
    {
        var (gate, time, _) = Gate(Bound4 with { MaxWait = TimeSpan.FromMilliseconds(250) }, 9);

        var wait = await time.DriveAsync(gate.WaitAsync(CancellationToken.None));

        Assert.That(wait.Waited, Is.EqualTo(TimeSpan.FromMilliseconds(250)));
        Assert.That(wait.GaveUp, Is.True);
    }

    [Test]
    public async Task Generations_that_cannot_be_counted_do_not_hold_a_reload_back()
    {
        var (gate, time, _) = Gate(Bound4, [null]);

        var wait = await time.DriveAsync(gate.WaitAsync(CancellationToken.None));

        Assert.That(wait, Is.EqualTo(new ReloadWait(TimeSpan.Zero, GaveUp: false, Generations: null)));
    }

    [Test]
    public async Task A_bound_of_0_never_holds_a_reload_back()
    {
        var (gate, time, _) = Gate(Bound4 with { MaxGenerations = 0 }, 50);

        var wait = await time.DriveAsync(gate.WaitAsync(CancellationToken.None));

        Assert.That(wait.Waited, Is.EqualTo(TimeSpan.Zero));
        Assert.That(time.TimersStarted, Is.Zero);
    }

    /// <summary>A gate reading <paramref name="alive"/> one value per poll (the last one from then on); the list records each poll.</summary>
    private static (ReloadGate Gate, ManualTime Time, List<int?> Polls) Gate(ReloadGateOptions options, params int?[] alive)
    {
        var time = new ManualTime();
        var polls = new List<int?>();
        WorkerGenerationCount? Read()
        {
            var value = alive[Math.Min(polls.Count, alive.Length - 1)];
            polls.Add(value);
            return value is { } count ? new WorkerGenerationCount(count, Math.Max(0, count - 1), count * 2) : null;
        }
        return (new ReloadGate(Read, options, time, NullLogger<ReloadGate>.Instance), time, polls);
    }
}
