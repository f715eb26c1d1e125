using k8s;
using k8s.Models;
using NginxIngress.Kubernetes.Informers;

namespace NginxIngress.Integration.Tests.Informers;

/// <summary>
/// A sink that records every call and keeps the view a store would keep (Replace wipes it). Tests await a
/// condition on the record instead of sleeping: each call re-checks the waiting conditions.
/// </summary>
public sealed class RecordingSink<T> : IInformerSink<T>
    where T : IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock _gate = new();
    private readonly List<SinkCall> _calls = [];
    private readonly Dictionary<string, T> _view = new(StringComparer.Ordinal);
    private readonly List<(Func<bool> Condition, TaskCompletionSource Done)> _waiters = [];

    /// <summary>When set and true for a call, the sink throws after recording it, as a broken store would.</summary>
    public Func<SinkCall, bool>? ThrowWhen { get; set; }

    /// <summary>Runs inside each call, after it is recorded: lets a test look at the informer mid-delivery.</summary>
    public Action<SinkCall>? OnCall { get; set; }

    public IReadOnlyList<SinkCall> Calls
    {
        get { lock (_gate) { return [.. _calls]; } }
    }

    public IReadOnlyList<string> Names
    {
        get { lock (_gate) { return [.. _view.Keys.Order(StringComparer.Ordinal)]; } }
    }

    public IReadOnlyDictionary<string, T> View
    {
        get { lock (_gate) { return new Dictionary<string, T>(_view, StringComparer.Ordinal); } }
    }

    public int ReplaceCount => Calls.Count(call => call.Operation == nameof(Replace));

    public void Replace(IReadOnlyCollection<T> items)
    {
        Record(new SinkCall(nameof(Replace), [.. items.Select(KeyOf)]), () =>
        {
            _view.Clear();
            foreach (var item in items)
            {
                _view[KeyOf(item)] = item;
            }
        });
    }

    public void Upsert(T item) => Record(new SinkCall(nameof(Upsert), [KeyOf(item)]), () => _view[KeyOf(item)] = item);

    public void Delete(T item) => Record(new SinkCall(nameof(Delete), [KeyOf(item)]), () => _view.Remove(KeyOf(item)));

    /// <summary>Completes when <paramref name="condition"/> holds; fails the test with the record after <paramref name="timeout"/>.</summary>
    public async Task WaitUntilAsync(Func<RecordingSink<T>, bool> condition, TimeSpan? timeout = null, string? because = null)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waiters.Add((() => condition(this), done));
        }
        CheckWaiters();
        try
        {
            await done.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Timed out waiting for {because ?? "the sink"}. Calls: {string.Join(" ", Calls)}");
        }
    }

    public Task WaitForNamesAsync(params string[] names) =>
        WaitUntilAsync(sink => sink.Names.SequenceEqual(names.Order(StringComparer.Ordinal)), because: $"the view to be [{string.Join(", ", names)}]");

    private void Record(SinkCall call, Action apply)
    {
        lock (_gate)
        {
            _calls.Add(call);
            apply();
        }
        CheckWaiters();
        OnCall?.Invoke(call);
        if (ThrowWhen?.Invoke(call) == true)
        {
            throw new InvalidOperationException($"The test sink refuses {call}.");
        }
    }

    private void CheckWaiters()
    {
        (Func<bool> Condition, TaskCompletionSource Done)[] waiters;
        lock (_gate)
        {
            waiters = [.. _waiters];
        }
        foreach (var waiter in waiters)
        {
            if (waiter.Condition())
            {
                lock (_gate)
                {
                    _waiters.Remove(waiter);
                }
                waiter.Done.TrySetResult();
            }
        }
    }

    private static string KeyOf(T item) => $"{item.Metadata.NamespaceProperty}/{item.Metadata.Name}";
}
