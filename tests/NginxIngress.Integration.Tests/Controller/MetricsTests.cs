using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using NginxIngress.TestKit.Backends;

namespace NginxIngress.Integration.Tests.Controller;

/// <summary>
/// <c>/metrics</c> on the healthz port, scraped as Prometheus would: ingress-nginx's reload metrics, under its names
/// and static labels, follow what nginx really serves.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed partial class MetricsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private ManifestFolder _manifests = null!;
    private EchoBackend _web = null!;

    [SetUp]
    public async Task StartBackend()
    {
        _manifests = new ManifestFolder();
        _web = await EchoBackend.StartAsync(LoopbackAddresses.Next(), 0, "web", "web-1");
        _manifests.WriteService("web", new IPEndPoint(_web.Address, _web.Port));
        _manifests.WriteIngress("web", "web.example.com", "/", "web");
    }

    [TearDown]
    public async Task StopBackend()
    {
        await _web.DisposeAsync();
        _manifests.Dispose();
    }

    [Test]
    public async Task Metrics_report_each_verified_reload_and_the_hash_of_the_config_nginx_serves()
    {
        await using var controller = await StartHealthyAsync();

        var first = await controller.MetricsAsync();
        var firstVersion = controller.Loop.Reloads.Version!;
        _manifests.WriteIngress("api", "api.example.com", "/", "web");
        await RunningController.EventuallyAsync(() => Task.FromResult(controller.Loop.Reloads.Count == 2), Patience, "the edit is live");
        var second = await controller.MetricsAsync();

        Assert.Multiple(() =>
        {
            Assert.That(Value(first, "nginx_ingress_controller_config_last_reload_successful"), Is.EqualTo(1));
            Assert.That(Value(first, "nginx_ingress_controller_success"), Is.EqualTo(1));
            Assert.That(Value(first, "nginx_ingress_controller_errors"), Is.Zero);
            Assert.That(Value(first, "nginx_ingress_controller_config_hash"), Is.EqualTo(HashOf(firstVersion)));
            Assert.That(Value(second, "nginx_ingress_controller_success"), Is.EqualTo(2));
            Assert.That(Value(second, "nginx_ingress_controller_config_hash"), Is.EqualTo(HashOf(controller.Loop.Reloads.Version!)).And.Not.EqualTo(HashOf(firstVersion)));
            Assert.That(Value(second, "nginx_ingress_controller_config_last_reload_successful_timestamp_seconds"),
                Is.GreaterThanOrEqualTo(Value(first, "nginx_ingress_controller_config_last_reload_successful_timestamp_seconds")));
            Assert.That(Value(second, "nginx_ingress_controller_sync_duration_seconds_count"), Is.GreaterThanOrEqualTo(2));
            Assert.That(Value(second, "nginx_ingress_controller_validation_duration_seconds_count"), Is.EqualTo(2), "one validation per new config");
            Assert.That(Value(second, "nginx_ingress_controller_nginx_test_runs"), Is.EqualTo(2), "no Ingress was bisected out");
            Assert.That(second, Does.Contain("controller_class=\"k8s.io/ingress-nginx\""), "ingress-nginx's static labels, which its dashboards select on");
        });
    }

    [Test]
    public async Task Problems_are_counted_by_reason_until_they_are_fixed()
    {
        _manifests.WriteIngress("bad", "bad.example.com", "/", "web", annotations: new Dictionary<string, string> { ["proxy-body-size"] = "huge" });
        await using var controller = await StartHealthyAsync();

        var reported = await controller.MetricsAsync();
        _manifests.WriteIngress("bad", "bad.example.com", "/", "web", annotations: new Dictionary<string, string> { ["proxy-body-size"] = "8m" });
        await RunningController.EventuallyAsync(() => Task.FromResult(controller.Loop.ReportedProblems.IsEmpty), Patience, "the fixed Ingress reports nothing");
        var fixedUp = await controller.MetricsAsync();

        Assert.That(Value(reported, "nginx_ingress_controller_problems", "severity=\"Error\",reason=\"InvalidAnnotation\""), Is.EqualTo(1));
        Assert.That(Value(fixedUp, "nginx_ingress_controller_problems", "severity=\"Error\",reason=\"InvalidAnnotation\""), Is.Zero);
    }

    private async Task<RunningController> StartHealthyAsync()
    {
        var controller = await RunningController.StartAsync(_manifests.Path);
        try
        {
            await RunningController.EventuallyAsync(async () => await controller.HealthzAsync() == HttpStatusCode.OK, Patience, "healthy");
            return controller;
        }
        catch
        {
            await controller.DisposeAsync();
            throw;
        }
    }

    /// <summary>The sample of a metric whose labels hold <paramref name="labels"/> (besides the static ones).</summary>
    private static double Value(string exposition, string metric, string? labels = null)
    {
        var own = labels is null ? "" : $"[^}}]*{Regex.Escape(labels)}";
        var match = Regex.Match(exposition, $@"^{Regex.Escape(metric)}(?:\{{{own}[^}}]*\}})? (?<value>\S+)$", RegexOptions.Multiline);
        Assert.That(match.Success, Is.True, $"{metric} in:\n{exposition}");
        return double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
    }

    private static double HashOf(string version) => long.Parse(version.AsSpan(0, 13), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
}
