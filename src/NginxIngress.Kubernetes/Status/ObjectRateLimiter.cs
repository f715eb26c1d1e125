using NginxIngress.Core.Snapshot;

namespace NginxIngress.Kubernetes.Status;

/// <summary>
/// A token bucket per object: <c>burst</c> new Events at once, then one per <c>refill</c>. Per object, so one
/// Ingress that fails on every reconcile cannot starve the others of their Events. Not thread-safe: the caller locks.
/// </summary>
internal sealed class ObjectRateLimiter(int burst, TimeSpan refill)
{
    private readonly Dictionary<ObjectRef, (double Tokens, DateTimeOffset At)> _buckets = [];

    public int Count => _buckets.Count;

    public bool TryTake(ObjectRef subject, DateTimeOffset now)
    {
        var tokens = _buckets.TryGetValue(subject, out var bucket) ? Refilled(bucket, now) : burst;
        if (tokens < 1)
        {
            _buckets[subject] = (tokens, now);
            return false;
        }
        _buckets[subject] = (tokens - 1, now);
        return true;
    }

    /// <summary>Forgets full buckets: a forgotten bucket starts full, so forgetting them changes nothing.</summary>
    public void Sweep(DateTimeOffset now)
    {
        foreach (var (subject, bucket) in _buckets.ToList())
        {
            if (Refilled(bucket, now) >= burst)
            {
                _buckets.Remove(subject);
            }
        }
    }

    private double Refilled((double Tokens, DateTimeOffset At) bucket, DateTimeOffset now) =>
        Math.Min(burst, bucket.Tokens + Math.Max(0, (now - bucket.At) / refill));
}
