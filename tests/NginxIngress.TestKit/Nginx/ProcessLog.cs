namespace NginxIngress.TestKit.Nginx;

/// <summary>The last lines a process wrote to stdout and stderr, kept for failure messages. Thread-safe.</summary>
public sealed class ProcessLog(int capacity = 400)
{
    private readonly Queue<string> _lines = new();
    private int _dropped;

    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_lines)
        {
            _lines.Enqueue(line);
            if (_lines.Count > capacity)
            {
                _lines.Dequeue();
                _dropped++;
            }
        }
    }

    public override string ToString()
    {
        lock (_lines)
        {
            var head = _dropped > 0 ? $"[{_dropped} earlier lines dropped]{Environment.NewLine}" : "";
            return head + string.Join(Environment.NewLine, _lines);
        }
    }
}
