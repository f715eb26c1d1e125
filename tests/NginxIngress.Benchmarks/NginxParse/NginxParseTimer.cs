using System.Diagnostics;
using System.Globalization;

namespace NginxIngress.Benchmarks.NginxParse;

/// <summary>
/// Runs <c>nginx -t</c> on a config in its own prefix, as the controller validates before every reload, and
/// measures its wall time, its CPU time and (sampled) its peak RSS. One untimed run comes first, so the binary
/// and the config file are in the page cache for every timed run. Each run gets the <c>GLIBC_TUNABLES</c> given,
/// as the controller gives its nginx -t <see cref="NginxIngress.Nginx.Runtime.MallocTunables"/>.
/// </summary>
public sealed class NginxParseTimer(string nginxPath, int runs)
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(10);

    public IReadOnlyList<NginxParseRun> Time(string prefix, string configFile, string tunables)
    {
        Run(prefix, configFile, tunables);
        var results = new List<NginxParseRun>(runs);
        for (var i = 0; i < runs; i++)
        {
            results.Add(Run(prefix, configFile, tunables));
        }
        return results;
    }

    private NginxParseRun Run(string prefix, string configFile, string tunables)
    {
        var start = new ProcessStartInfo(nginxPath)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            Environment = { [NginxIngress.Nginx.Runtime.MallocTunables.Variable] = tunables },
        };
        foreach (var argument in new[] { "-t", "-q", "-p", prefix, "-c", configFile, "-e", "stderr" })
        {
            start.ArgumentList.Add(argument);
        }

        var cpuBefore = ChildCpuClock.Total();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{nginxPath} did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        long peakKilobytes = 0;
        // VmHWM is the kernel's own high-water mark, so sampling only risks missing growth in the last interval.
        while (!process.WaitForExit(SampleInterval))
        {
            peakKilobytes = Math.Max(peakKilobytes, ReadHighWaterMark(process.Id));
        }
        clock.Stop();
        // WaitForExit has reaped the child, so its CPU time is now in RUSAGE_CHILDREN.
        var cpu = ChildCpuClock.Total() - cpuBefore;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"nginx -t failed on {configFile} (exit {process.ExitCode}): {stderr.Result}{stdout.Result}".TrimEnd());
        }
        return new NginxParseRun(clock.Elapsed, cpu, peakKilobytes);
    }

    private static long ReadHighWaterMark(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0; // exited between the check and the read
        }
    }
}
