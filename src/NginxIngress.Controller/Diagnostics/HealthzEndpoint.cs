using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NginxIngress.Nginx.Runtime;

namespace NginxIngress.Controller.Diagnostics;

/// <summary>
/// <c>GET /healthz</c> on the healthz port (ingress-nginx's 10254, which existing probes point at): 200 once
/// nginx answers the version of the current config, 503 before that and whenever nginx does not answer; and
/// <c>GET /metrics</c>, the Prometheus metrics (<see cref="ControllerMetrics"/>), where the pod's scrape annotations point.
/// </summary>
internal static class HealthzEndpoint
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/healthz", async (ControllerHealth health, ConfigVersionProbe probe, CancellationToken cancellationToken) =>
        {
            var desired = health.DesiredVersion;
            if (desired is null)
            {
                return Results.Text("no configuration has been applied yet\n", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            var serving = await probe.CurrentVersionAsync(cancellationToken);
            return serving == desired
                ? Results.Text("ok\n")
                : Results.Text($"nginx serves {serving ?? "nothing"}, not the current config {desired}\n", statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        app.MapGet("/metrics", async (HttpContext context, ControllerMetrics metrics) =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await metrics.WriteAsync(context.Response.Body, context.RequestAborted);
        });
    }
}
