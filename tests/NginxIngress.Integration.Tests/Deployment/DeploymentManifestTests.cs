using System.Text.RegularExpressions;
using k8s.Models;
using NginxIngress.Controller;
using NginxIngress.Controller.Cli;
using NginxIngress.Controller.Hosting;

namespace NginxIngress.Integration.Tests.Deployment;

/// <summary>
/// The Deployment in the sidecar shape: nginx and the controller share a folder and a process namespace; the
/// controller's args are the tutorial's, verbatim, plus the two that select the shape, and they parse through the
/// real command line into the intended settings.
/// </summary>
public sealed partial class DeploymentManifestTests
{
    private const string SharedFolder = "/var/lib/nginx-ingress";

    private V1Deployment _deployment = null!;

    private V1PodSpec Pod => _deployment.Spec.Template.Spec;

    private V1Container Controller => Pod.Containers.Single(container => container.Name == "nginx-ingress-controller");

    private V1Container Nginx => Pod.Containers.Single(container => container.Name == "nginx");

    [OneTimeSetUp]
    public void Render() => _deployment = Kustomize.Single<V1Deployment>(Kustomize.Build("."), "nginx-ingress-controller");

    [Test]
    public void The_controller_args_are_the_tutorials_verbatim_and_select_the_sidecar_shape()
    {
        Assert.That(Controller.Args.Take(6), Is.EqualTo(new[]
        {
            "/nginx-ingress-controller",
            "--configmap=$(POD_NAMESPACE)/nginx-configuration",
            "--tcp-services-configmap=$(POD_NAMESPACE)/tcp-services",
            "--udp-services-configmap=$(POD_NAMESPACE)/udp-services",
            "--publish-service=$(POD_NAMESPACE)/ingress-nginx",
            "--annotations-prefix=nginx.ingress.kubernetes.io",
        }));
    }

    [Test]
    public void The_controller_args_parse_into_external_mode_on_the_shared_folder_with_the_tutorials_objects()
    {
        // As the kubelet passes them: $(POD_NAMESPACE) expanded from the downward API.
        var args = Controller.Args.Select(arg => KubeletVariable().Replace(arg, match => EnvironmentValue(match.Groups[1].Value))).ToArray();

        var parsed = Program.Parse(args, out var run);

        Assert.That(UsageErrors.Of(parsed), Is.Empty);
        var settings = run.Bind(parsed);
        Assert.That(settings.NginxMode, Is.EqualTo(NginxMode.External));
        Assert.That(settings.WorkDirectory, Is.EqualTo(SharedFolder));
        Assert.That(settings.ManifestsDirectory, Is.Null, "the API is the source");
        Assert.That(settings.Status.PublishService?.ToString(), Is.EqualTo("ingress-nginx/ingress-nginx"));
        Assert.That(settings.Controller.AnnotationsPrefix, Is.EqualTo("nginx.ingress.kubernetes.io"));
        Assert.That(settings.AlwaysRelevant.Select(key => key.ToString()), Is.EquivalentTo(new[]
        {
            "ingress-nginx/nginx-configuration", "ingress-nginx/tcp-services", "ingress-nginx/udp-services",
        }));
        Assert.That(settings.HealthzPort.ToString(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(Controller.LivenessProbe.HttpGet.Port.Value),
            "the probes ask the port /healthz listens on");
    }

    [Test]
    public void Both_containers_share_the_work_folder_and_the_process_namespace_and_run_as_one_user()
    {
        Assert.That(Pod.ShareProcessNamespace, Is.True, "the controller signals nginx's master");
        foreach (var container in new[] { Controller, Nginx })
        {
            Assert.That(container.VolumeMounts.Single(mount => mount.MountPath == SharedFolder).Name, Is.EqualTo("nginx-ingress"), container.Name);
            Assert.That(container.SecurityContext.RunAsUser, Is.Null, $"{container.Name} runs as the pod's user: signals need the same uid");
        }
        Assert.That(Pod.Volumes.Single(volume => volume.Name == "nginx-ingress").EmptyDir, Is.Not.Null);
        Assert.That(Pod.SecurityContext.RunAsUser, Is.EqualTo(33));
        Assert.That(Pod.SecurityContext.RunAsNonRoot, Is.True);
    }

    [Test]
    public void Each_container_drops_every_capability_cannot_escalate_and_has_a_read_only_root()
    {
        foreach (var container in new[] { Controller, Nginx })
        {
            var security = container.SecurityContext;
            Assert.That(security.AllowPrivilegeEscalation, Is.False, container.Name);
            Assert.That(security.ReadOnlyRootFilesystem, Is.True, container.Name);
            Assert.That(security.Capabilities.Drop, Is.EqualTo(new[] { "ALL" }), container.Name);
        }
        Assert.That(Nginx.SecurityContext.Capabilities.Add, Is.EqualTo(new[] { "NET_BIND_SERVICE" }));
        Assert.That(Pod.SecurityContext.Sysctls.Select(sysctl => (sysctl.Name, sysctl.Value)), Does.Contain(("net.ipv4.ip_unprivileged_port_start", "0")),
            "without privilege escalation a non-root nginx binds port 80 only through this sysctl");
        Assert.That(Controller.VolumeMounts.Select(mount => mount.MountPath), Does.Contain("/tmp"), ".NET needs a writable /tmp under a read-only root");
    }

    [Test]
    public void Probes_ask_healthz_on_10254_and_the_pod_keeps_the_tutorials_prometheus_annotations()
    {
        foreach (var probe in new[] { Controller.StartupProbe, Controller.LivenessProbe, Controller.ReadinessProbe })
        {
            Assert.That((probe.HttpGet.Path, probe.HttpGet.Port.Value), Is.EqualTo(("/healthz", "10254")));
        }
        Assert.That(Controller.StartupProbe.FailureThreshold * Controller.StartupProbe.PeriodSeconds, Is.GreaterThanOrEqualTo(120),
            "liveness must not judge a controller still syncing its first config, which takes tens of seconds at 10k Ingresses");
        Assert.That(_deployment.Spec.Template.Metadata.Annotations, Does.ContainKey("prometheus.io/scrape").WithValue("true"));
        Assert.That(_deployment.Spec.Template.Metadata.Annotations, Does.ContainKey("prometheus.io/port").WithValue("10254"));
    }

    [Test]
    public void The_grace_period_outlasts_the_preStop_delay_plus_nginxs_worker_shutdown_timeout()
    {
        // The manifests' ConfigMap sets no worker-shutdown-timeout, so nginx drains for the key's default.
        var shutdown = int.Parse(WorkerShutdownTimeout().Match(NginxIngress.Core.Settings.ConnectionSettings.Default.WorkerShutdownTimeout).Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture);
        var preStop = string.Join(' ', Nginx.Lifecycle.PreStop.Exec.Command);
        var delay = int.Parse(PreStopDelay().Match(preStop).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        Assert.That(preStop, Does.Contain("kill -QUIT"), "the drain is nginx's graceful stop");
        Assert.That(Pod.TerminationGracePeriodSeconds, Is.GreaterThan(shutdown + delay));
    }

    /// <summary>What the downward API gives the controller container for <paramref name="name"/>.</summary>
    private string EnvironmentValue(string name)
    {
        var variable = Controller.Env.Single(env => env.Name == name);
        return variable.ValueFrom?.FieldRef?.FieldPath switch
        {
            "metadata.namespace" => _deployment.Namespace(),
            "metadata.name" => "nginx-ingress-controller-5d8f7c9b4-x2x7q",
            null => variable.Value,
            var other => throw new InvalidOperationException($"no value for {other}"),
        };
    }

    [GeneratedRegex(@"\$\(([A-Z_]+)\)")]
    private static partial Regex KubeletVariable();

    [GeneratedRegex(@"^(\d+)s\z")]
    private static partial Regex WorkerShutdownTimeout();

    [GeneratedRegex(@"sleep (\d+)")]
    private static partial Regex PreStopDelay();
}
