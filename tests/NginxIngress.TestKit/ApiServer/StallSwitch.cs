namespace NginxIngress.TestKit.ApiServer;

/// <summary>A gate watches pass before they send anything: closed means stalled (connections open, silent).</summary>
internal sealed class StallSwitch
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _open = NewOpen(completed: true);

    public bool IsStalled
    {
        get
        {
            lock (_lock)
            {
                return !_open.Task.IsCompleted;
            }
        }
    }

    public void Set(bool stalled)
    {
        lock (_lock)
        {
            if (stalled && _open.Task.IsCompleted)
            {
                _open = NewOpen(completed: false);
            }
            else if (!stalled)
            {
                _open.TrySetResult();
            }
        }
    }

    public Task WaitOpenAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _open.Task.WaitAsync(cancellationToken);
        }
    }

    private static TaskCompletionSource NewOpen(bool completed)
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            source.SetResult();
        }
        return source;
    }
}
