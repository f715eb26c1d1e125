namespace NginxIngress.Nginx.Tests.Runtime;

/// <summary>
/// A clock whose time moves only when a timer is due: <see cref="DriveAsync"/> fires the earliest timer each time the
/// code under test waits on one, so "30 seconds of polling" takes no real time and every elapsed time is exact.
/// </summary>
internal sealed class ManualTime : TimeProvider
{
    private static readonly TimeSpan Stuck = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private readonly List<Timer> _timers = [];
    private readonly SemaphoreSlim _armed = new(0);
    private long _now;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref _now);

    public override DateTimeOffset GetUtcNow() => new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(GetTimestamp());

    /// <summary>How many timers the code under test started: one per poll it slept.</summary>
    public int TimersStarted { get; private set; }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Fires timers, earliest first, whenever one is armed, until <paramref name="work"/> completes.</summary>
    public async Task<T> DriveAsync<T>(Task<T> work)
    {
        while (!work.IsCompleted)
        {
            var armed = _armed.WaitAsync(Stuck);
            if (await Task.WhenAny(work, armed) == work)
            {
                break;
            }
            if (!await armed)
            {
                Assert.Fail($"the code under test neither finished nor started a timer within {Stuck.TotalSeconds} s");
            }
            Timer? next;
            lock (_gate)
            {
                next = _timers.OrderBy(timer => timer.Due).FirstOrDefault();
                if (next is not null)
                {
                    _timers.Remove(next);
                    Interlocked.Exchange(ref _now, Math.Max(_now, next.Due));
                }
            }
            next?.Fire();
        }
        return await work;
    }

    private sealed class Timer(ManualTime time, TimerCallback callback, object? state) : ITimer
    {
        public long Due { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (time._gate)
            {
                time._timers.Remove(this);
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    Due = time.GetTimestamp() + dueTime.Ticks;
                    time._timers.Add(this);
                    time.TimersStarted++;
                    time._armed.Release();
                }
            }
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (time._gate)
            {
                time._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
