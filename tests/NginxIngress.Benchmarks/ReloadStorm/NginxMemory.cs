using System.Globalization;

namespace NginxIngress.Benchmarks.ReloadStorm;

/// <summary>
/// The memory of one controller run's nginx, as /proc shows it. RSS summed over master and workers counts the pages they share
/// after fork once per process, so PSS (each shared page split among its sharers) is reported beside it.
/// </summary>
internal sealed class NginxMemory(string pidFile)
{
    /// <summary>RSS and PSS in bytes, summed over the master and all its children; null when nginx is not running.</summary>
    public (long Rss, long Pss)? Memory()
    {
        if (MasterPid(pidFile) is not { } master)
        {
            return null;
        }
        long rss = 0, pss = 0;
        foreach (var pid in ChildrenOf(master).Append(master))
        {
            rss += Kilobytes($"/proc/{pid}/status", "VmRSS:") * 1024;
            pss += Kilobytes($"/proc/{pid}/smaps_rollup", "Pss:") * 1024;
        }
        return (rss, pss);
    }

    private static int? MasterPid(string pidFile)
    {
        try
        {
            return int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException)
        {
            return null;
        }
    }

    private static IEnumerable<int> ChildrenOf(int parent)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                string stat;
                try
                {
                    stat = File.ReadAllText($"/proc/{pid}/stat");
                }
                catch (IOException)
                {
                    continue;
                }
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields.Length > 1 && fields[1] == parent.ToString(CultureInfo.InvariantCulture))
                {
                    yield return pid;
                }
            }
        }
    }

    private static long Kilobytes(string file, string field)
    {
        try
        {
            var line = File.ReadLines(file).FirstOrDefault(line => line.StartsWith(field, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
