namespace NginxIngress.Nginx.Runtime;

/// <summary>
/// The <c>GLIBC_TUNABLES</c> each <c>nginx -t</c> runs with. <c>glibc.malloc.hugetlb=1</c> has malloc ask for
/// transparent huge pages. A fresh nginx spends most of its parse zeroing fresh memory for each location's
/// settings, and on 4 KiB pages most of that is page faults: with huge pages, <c>nginx -t</c> at 1k Ingresses takes
/// 0.15 s instead of 0.48 s, for about 3 MB more memory (make bench, docs/benchmarks.md).
/// </summary>
/// <remarks>
/// Not for the master that serves: its memory is shared copy-on-write with the workers it forked, and a write to a
/// shared huge page splits it before the 4 KiB copy, so a reload at 10k cost 11 to 15.5 s of nginx CPU with huge
/// pages against 10 to 12 s without. glibc before 2.35, musl and kernels whose transparent huge pages are
/// <c>never</c> ignore the setting.
/// </remarks>
public static class MallocTunables
{
    public const string Variable = "GLIBC_TUNABLES";

    private const string HugePagesName = "glibc.malloc.hugetlb";

    /// <summary>
    /// <paramref name="inherited"/> (the controller's own <c>GLIBC_TUNABLES</c>, if any) with huge pages added. A
    /// <c>glibc.malloc.hugetlb</c> the operator set is kept as it is, so <c>GLIBC_TUNABLES=glibc.malloc.hugetlb=0</c>
    /// on the controller turns this off; the other tunables are kept in their order.
    /// </summary>
    public static string For(string? inherited)
    {
        if (string.IsNullOrEmpty(inherited))
        {
            return HugePagesName + "=1";
        }
        var names = inherited.Split(':').Select(tunable => tunable.Split('=', 2)[0]);
        return names.Contains(HugePagesName, StringComparer.Ordinal) ? inherited : inherited + ":" + HugePagesName + "=1";
    }

    /// <summary>The value for an <c>nginx -t</c> started now, from this process's environment.</summary>
    public static string ForNginx() => For(Environment.GetEnvironmentVariable(Variable));
}
