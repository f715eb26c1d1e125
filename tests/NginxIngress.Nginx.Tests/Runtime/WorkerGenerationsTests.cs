using NginxIngress.Nginx.Runtime;

namespace NginxIngress.Nginx.Tests.Runtime;

/// <summary>How the workers /proc shows under an nginx master are told apart into the generations of its reloads.</summary>
public sealed class WorkerGenerationsTests
{
    [Test]
    public void Workers_forked_for_one_config_are_one_generation_even_across_a_clock_tick()
    {
        var count = WorkerGenerations.Group([Worker(1000), Worker(1000), Worker(1001), Worker(1002)]);

        Assert.That(count, Is.EqualTo(new WorkerGenerationCount(Alive: 1, Draining: 0, Workers: 4)));
    }

    [Test]
    public void Draining_workers_of_different_reloads_count_as_separate_generations()
    {
        // Two reloads 0.5 s and 1 s ago, each leaving two workers draining, and the current two.
        var count = WorkerGenerations.Group(
        [
            Worker(1100), Worker(1000, shuttingDown: true), Worker(1050, shuttingDown: true),
            Worker(1100), Worker(1000, shuttingDown: true), Worker(1051, shuttingDown: true),
        ]);

        Assert.That(count, Is.EqualTo(new WorkerGenerationCount(Alive: 3, Draining: 2, Workers: 6)));
    }

    [Test]
    public void Old_workers_that_have_not_yet_renamed_themselves_are_still_their_own_generation()
    {
        // Just after a reload: one old worker has read the quit message, the other not yet.
        var count = WorkerGenerations.Group([Worker(1000, shuttingDown: true), Worker(1000), Worker(1020), Worker(1020)]);

        Assert.That(count.Alive, Is.EqualTo(2));
        Assert.That(count.Draining, Is.Zero, "a generation counts as draining once all its workers say so");
    }

    [Test]
    public void Workers_forked_slowly_on_a_loaded_node_are_one_generation_when_the_reloads_were_marked()
    {
        // Reloads sent at ticks 990 and 1100; the first config's workers took 80 ms to fork, one was forked again after a crash.
        var count = WorkerGenerations.Group([Worker(1000), Worker(1008), Worker(1060), Worker(1105), Worker(1106)], [990, 1100]);

        Assert.That(count.Alive, Is.EqualTo(2));
        Assert.That(WorkerGenerations.Group([Worker(1000), Worker(1008), Worker(1060), Worker(1105), Worker(1106)]).Alive, Is.EqualTo(4),
            "without the marks, the gap alone would split them");
    }

    [Test]
    public void Workers_of_two_marked_reloads_are_apart_however_close_they_started()
    {
        var count = WorkerGenerations.Group([Worker(1000, shuttingDown: true), Worker(1001), Worker(1002)], [995, 1001]);

        Assert.That(count, Is.EqualTo(new WorkerGenerationCount(Alive: 2, Draining: 1, Workers: 3)));
    }

    [Test]
    public void No_workers_are_no_generations()
    {
        Assert.That(WorkerGenerations.Group([]), Is.EqualTo(new WorkerGenerationCount(0, 0, 0)));
    }

    [Test]
    public void A_master_that_cannot_be_seen_reads_as_unknown_not_as_zero()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new WorkerGenerations(() => null).Read(), Is.Null, "no master");
            Assert.That(new WorkerGenerations(() => Environment.ProcessId).Read(), Is.Null, "a pid that is not an nginx master (as a sidecar's pid seen from another pid namespace)");
            Assert.That(new WorkerGenerations(() => int.MaxValue).Read(), Is.Null, "a pid that does not exist here");
        });
    }

    private static NginxWorker Worker(ulong startTime, bool shuttingDown = false) => new(0, startTime, shuttingDown);
}
