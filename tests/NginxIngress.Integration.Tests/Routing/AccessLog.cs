using NginxIngress.Integration.Tests.Controller;
using NginxIngress.TestKit.Scenarios;

namespace NginxIngress.Integration.Tests.Routing;

/// <summary>Reads a test nginx's access log.</summary>
internal static class AccessLog
{
    /// <summary>
    /// The access log once it holds <paramref name="marker"/>; the test fails if it never does. nginx writes a request's
    /// line in its log phase, which can run after the client has the response; with one worker, lines are written in
    /// order, so waiting for the last request's marker is waiting for every earlier line.
    /// </summary>
    public static async Task<string> ReadWhenItHoldsAsync(LoopbackCluster cluster, string marker)
    {
        var path = cluster.Nginx.Settings.AccessLog;
        await RunningController.EventuallyAsync(async () => File.Exists(path) && (await File.ReadAllTextAsync(path)).Contains(marker, StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), $"the access log holds {marker}");
        return await File.ReadAllTextAsync(path);
    }
}
