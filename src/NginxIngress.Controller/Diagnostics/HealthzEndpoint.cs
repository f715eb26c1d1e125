using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NginxIngress.Controller.Hosting;
using NginxIngress.Nginx.Runtime;

namespace NginxIngress.Controller.Diagnostics;

/// <summary>
/// <c>GET /healthz</c> on the healthz port (ingress-nginx's 10254, which existing probes point at): 503 until the
/// first config is verified live, then 200 as long as nginx answers its status endpoint and the reconcile loop runs
/// (<see cref="ControllerHealth"/>); and <c>GET /metrics</c>, the Prometheus metrics (<see cref="ControllerMetrics"/>),
/// where the pod's scrape annotations point.
/// </summary>
internal static class HealthzEndpoint
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/healthz", async (ControllerHealth health, ConfigVersionProbe probe, ReconcileLoop loop, CancellationToken cancellationToken) =>
        {
            var served = await probe.CurrentVersionAsync(cancellationToken);
            var verdict = health.Assess(served, loop.ExecuteTask is { IsCompleted: false });
            return verdict.Healthy
                ? Results.Text("ok\n")
                : Results.Text(verdict.Reason + "\n", statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        app.MapGet("/metrics", async (HttpContext context, ControllerMetrics metrics) =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await metrics.WriteAsync(context.Response.Body, context.RequestAborted);
        });
    }
}
