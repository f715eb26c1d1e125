namespace NginxIngress.Controller.Cli;

/// <summary>
/// ingress-nginx Deployments pass <c>/nginx-ingress-controller --flag=value …</c> as container args. Such an
/// invocation means <c>run</c>, so existing manifests work unchanged.
/// </summary>
internal static class LegacyInvocation
{
    public static string[] Normalize(string[] args)
    {
        var rest = args.Length > 0 && args[0].EndsWith("nginx-ingress-controller", StringComparison.Ordinal) ? args[1..] : args;
        var startsWithFlag = rest.Length > 0 && rest[0].StartsWith("--", StringComparison.Ordinal) && rest[0] is not ("--help" or "--version");
        return startsWithFlag || (rest.Length == 0 && args.Length > 0) ? ["run", .. rest] : rest;
    }
}
