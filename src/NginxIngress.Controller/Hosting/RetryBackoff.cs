namespace NginxIngress.Controller.Hosting;

/// <summary>
/// When to try a failing config again. A config can pass <c>nginx -t</c> and still fail to load (a port in use),
/// and <c>nginx -t</c> itself can time out; retrying at a fixed pace would reload nginx forever. Each further
/// failure of the same version doubles the wait, up to <see cref="Max"/>; a different version is a new change
/// and starts again from <see cref="Initial"/>. The caller passes the time. Thread-safe: nginx's supervisor
/// calls <see cref="RetryNow"/> from its own thread.
/// </summary>
internal sealed class RetryBackoff
{
    public static readonly TimeSpan Initial = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan Max = TimeSpan.FromMinutes(2);

    private readonly Lock _lock = new();
    private string? _failing;
    private int _attempts;
    private DateTimeOffset _due;

    /// <summary>Failures of the current failing version so far.</summary>
    public int Attempts
    {
        get
        {
            lock (_lock)
            {
                return _attempts;
            }
        }
    }

    /// <summary>The wait after the <paramref name="attempt"/>th failure: 2 s, 4 s, 8 s, … at most 2 min.</summary>
    public static TimeSpan DelayAfter(int attempt) =>
        attempt >= 7 ? Max : TimeSpan.FromTicks(Math.Min(Initial.Ticks << (Math.Max(attempt, 1) - 1), Max.Ticks));

    /// <summary>
    /// Records a failure of <paramref name="version"/>; says how long to wait, and whether this change failed for
    /// the first time (so it is reported once, not per retry).
    /// </summary>
    public (TimeSpan Delay, bool FirstFailure) Failed(string version, DateTimeOffset now)
    {
        lock (_lock)
        {
            var first = version != _failing;
            _failing = version;
            _attempts = first ? 1 : _attempts + 1;
            var delay = DelayAfter(_attempts);
            _due = now + delay;
            return (delay, first);
        }
    }

    /// <summary>True while <paramref name="version"/> failed and its wait has not run out: trying it now would only fail again.</summary>
    public bool IsWaiting(string version, DateTimeOffset now)
    {
        lock (_lock)
        {
            return version == _failing && now < _due;
        }
    }

    /// <summary>Something changed underneath (nginx restarted): the next try may go at once, but a failure is still not reported twice.</summary>
    public void RetryNow(DateTimeOffset now)
    {
        lock (_lock)
        {
            _due = now;
        }
    }

    public void Succeeded()
    {
        lock (_lock)
        {
            _failing = null;
            _attempts = 0;
        }
    }
}
