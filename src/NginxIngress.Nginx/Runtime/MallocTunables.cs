namespace NginxIngress.Nginx.Runtime;

/// <summary>
/// The <c>GLIBC_TUNABLES</c> every nginx the controller starts runs with: the master that reloads and each
/// <c>nginx -t</c>. <c>glibc.malloc.hugetlb=1</c> has malloc ask for transparent huge pages. nginx's parse spends
/// most of its time zeroing fresh memory for each location's settings, and on 4 KiB pages most of that is page
/// faults. With huge pages, <c>nginx -t</c> at 1k Ingresses takes 0.10 s instead of 0.33 s, and at 10k 2.6 s
/// instead of 4.9 s, for about 3 MB more memory (make bench, docs/benchmarks.md). A reload parses the same way.
/// glibc before 2.35, musl and kernels whose transparent huge pages are <c>never</c> ignore the setting.
/// </summary>
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

    /// <summary>The value for an nginx started now, from this process's environment.</summary>
    public static string ForNginx() => For(Environment.GetEnvironmentVariable(Variable));
}
