using System.CommandLine;
using NginxIngress.Controller.Hosting;
using NginxIngress.Core.Snapshot;

namespace NginxIngress.Controller.Cli;

/// <summary>
/// <c>nginx-ingress run</c>. Watches the API server (through <c>--kubeconfig</c>, KUBECONFIG, ~/.kube/config or the
/// pod's service account), or with <c>--manifests DIR</c> a folder instead, and runs nginx as a supervised child process. Flags ingress-nginx knows but this version does not
/// act on yet are accepted with a warning (<see cref="UnimplementedFlags"/>), so existing Deployment args still parse.
/// </summary>
internal static class RunCommand
{
    public static Command Create(ControllerFlags controllerFlags, NginxFlags nginxFlags)
    {
        var manifests = new Option<DirectoryInfo?>("--manifests") { Description = "Read objects from this folder of YAML/JSON manifests (and watch it) instead of an API server." };
        var workDir = new Option<DirectoryInfo>("--work-dir")
        {
            Description = "Folder for nginx's prefix: the live nginx.conf, pid file and temp files.",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(Path.GetTempPath(), "nginx-ingress")),
        };
        var httpsPort = new Option<int>("--https-port") { Description = "Port for HTTPS (accepted; nothing listens on it until TLS support lands).", DefaultValueFactory = _ => 443 };
        var healthzPort = new Option<int>("--healthz-port") { Description = "Port of /healthz.", DefaultValueFactory = _ => 10254 };
        var nginxBinary = new Option<string>("--nginx-binary") { Description = "The nginx executable.", DefaultValueFactory = _ => "nginx" };
        var kubeconfig = new Option<FileInfo?>("--kubeconfig") { Description = "kubeconfig file for the API server; default: KUBECONFIG, ~/.kube/config, or the pod's service account." };
        var watchNamespace = new Option<string?>("--watch-namespace") { Description = "Watch only this namespace; default: all namespaces." };

        // Unmatched tokens become usage errors in UsageErrors, which can say which flag was meant.
        var command = new Command("run", "Run the controller: watch the objects, keep nginx serving them.") { TreatUnmatchedTokensAsErrors = false };
        var statusFlags = new StatusFlags();
        foreach (var option in new Option[] { manifests, workDir, httpsPort, healthzPort, nginxBinary, kubeconfig, watchNamespace }.Concat(controllerFlags.All).Concat(nginxFlags.All).Concat(statusFlags.All))
        {
            command.Options.Add(option);
        }
        var unimplemented = UnimplementedFlags.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            foreach (var warning in unimplemented.Warnings(result))
            {
                await Console.Error.WriteLineAsync(warning);
            }
            if (result.GetResult(httpsPort) is { Implicit: false })
            {
                // Deployments pass --https-port out of habit; say plainly that HTTPS traffic has nowhere to go.
                var port = result.GetValue(httpsPort);
                await Console.Error.WriteLineAsync($"warning: --https-port {port}: this version does not serve HTTPS yet; nothing listens on port {port}");
            }
            var directory = result.GetValue(manifests);
            if (directory is { Exists: false })
            {
                await Console.Error.WriteLineAsync($"error: {directory.FullName}: no such folder");
                return ExitCodes.InputUnreadable;
            }
            var kubeconfigFile = result.GetValue(kubeconfig);
            if (directory is null && kubeconfigFile is { Exists: false })
            {
                await Console.Error.WriteLineAsync($"error: --kubeconfig {kubeconfigFile.FullName}: no such file");
                return ExitCodes.InputUnreadable;
            }
            if (directory is null && kubeconfigFile is null && !ApiClientConfiguration.CanFindDefault())
            {
                await Console.Error.WriteLineAsync("error: no Kubernetes API server to watch: not running in a pod, and no --kubeconfig, KUBECONFIG or ~/.kube/config; pass --manifests DIR to run without a cluster");
                return ExitCodes.Usage;
            }
            var settings = new RunSettings
            {
                AlwaysRelevant = ObjectsNamedByFlags(result),
                ElectionId = result.GetValue(statusFlags.ElectionId)!,
                ElectionTtl = result.GetValue(statusFlags.ElectionTtl),
                Status = statusFlags.Bind(result) with { ControllerPod = PodFromEnvironment() },
                ManifestsDirectory = directory?.FullName,
                Kubeconfig = kubeconfigFile?.FullName,
                WatchNamespace = string.IsNullOrEmpty(result.GetValue(watchNamespace)) ? null : result.GetValue(watchNamespace),
                WorkDirectory = result.GetValue(workDir)!.FullName,
                NginxBinary = result.GetValue(nginxBinary)!,
                HealthzPort = result.GetValue(healthzPort),
                Controller = controllerFlags.Bind(result),
                Nginx = nginxFlags.Bind(result),
            };
            // RunAsync disposes the host, which stops nginx.
            var app = ControllerHost.Build(settings);
            await Microsoft.Extensions.Hosting.HostingAbstractionsHostExtensions.RunAsync(app, cancellationToken);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The pod the controller runs in, from <c>POD_NAMESPACE</c> and <c>POD_NAME</c>, which the Deployment sets
    /// through the downward API as ingress-nginx's does; null when either is unset, as out of cluster.
    /// </summary>
    private static ObjectKey? PodFromEnvironment() =>
        Environment.GetEnvironmentVariable("POD_NAMESPACE") is { Length: > 0 } ns && Environment.GetEnvironmentVariable("POD_NAME") is { Length: > 0 } name
            ? new ObjectKey(ns, name)
            : null;

    /// <summary>
    /// The Secrets and ConfigMaps the ingress-nginx flags name as namespace/name. Their keys are not read yet, but
    /// their objects matter already: a change to one re-renders. pflag lets the last of repeated values win.
    /// </summary>
    internal static IReadOnlyList<ObjectKey> ObjectsNamedByFlags(ParseResult result) =>
        new[] { "--configmap", "--tcp-services-configmap", "--udp-services-configmap", "--default-ssl-certificate" }
            .Select(flag => result.GetValue<string[]>(flag) is { Length: > 0 } values ? values[^1] : null)
            .Select(value => value?.Split('/') is [{ Length: > 0 } ns, { Length: > 0 } name] ? new ObjectKey(ns, name) : (ObjectKey?)null)
            .OfType<ObjectKey>()
            .ToList();
}
