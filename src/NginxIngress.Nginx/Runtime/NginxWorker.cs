namespace NginxIngress.Nginx.Runtime;

/// <summary>One worker process of an nginx master, as /proc shows it.</summary>
/// <param name="StartTime">Clock ticks after boot (USER_HZ, 100 per second on Linux).</param>
/// <param name="ShuttingDown">nginx renames a worker told to quit "nginx: worker process is shutting down".</param>
internal readonly record struct NginxWorker(int Pid, ulong StartTime, bool ShuttingDown);
