using System.CommandLine;
using NginxIngress.Controller.Hosting;
using NginxIngress.Core.Settings;
using NginxIngress.Core.Snapshot;
using NginxIngress.Nginx.Runtime;

namespace NginxIngress.Controller.Cli;

/// <summary>
/// <c>nginx-ingress run</c>. Watches the API server (through <c>--kubeconfig</c>, KUBECONFIG, ~/.kube/config or the
/// pod's service account), or with <c>--manifests DIR</c> a folder instead, and runs nginx as a supervised child process,
/// or with <c>--nginx-mode=external</c> signals the nginx of a sidecar container. Flags ingress-nginx knows but this
/// version does not act on yet are accepted with a warning (<see cref="UnimplementedFlags"/>), so existing Deployment
/// args still parse.
/// </summary>
internal sealed class RunCommand
{
    private readonly Option<DirectoryInfo?> _manifests = new("--manifests") { Description = "Read objects from this folder of YAML/JSON manifests (and watch it) instead of an API server." };

    private readonly Option<DirectoryInfo> _workDir = new("--work-dir")
    {
        Description = "Folder for nginx's prefix: the live nginx.conf, pid file and temp files. With --nginx-mode=external, the folder shared with the nginx container.",
        DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(Path.GetTempPath(), "nginx-ingress")),
    };

    private readonly Option<int> _healthzPort = new("--healthz-port") { Description = "Port of /healthz.", DefaultValueFactory = _ => ControllerOptions.DefaultHealthzPort };
    private readonly Option<string> _nginxBinary = new("--nginx-binary") { Description = "The nginx executable.", DefaultValueFactory = _ => "nginx" };

    private readonly Option<NginxMode> _nginxMode = new("--nginx-mode")
    {
        Description = "supervise: run nginx as a child process. external: nginx runs in another container of the pod, on the config written to --work-dir; it is found through its pid file there and signalled to reload.",
        DefaultValueFactory = _ => NginxMode.Supervise,
    };

    private readonly Option<int> _maxWorkerGenerations = new("--max-worker-generations")
    {
        Description = "nginx worker generations alive at most, counting the one a reload starts: a reload waits while older workers drain (0: no bound).",
        DefaultValueFactory = _ => ReloadGateOptions.Default.MaxGenerations,
        CustomParser = result => int.TryParse(result.Tokens.Single().Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bound) && bound != 1
            ? bound
            : FailWith(result, "--max-worker-generations takes 0 (no bound) or a number of at least 2", 0),
    };

    private readonly Option<TimeSpan> _maxWorkerGenerationsWait = new("--max-worker-generations-wait")
    {
        Description = "The longest a reload waits for worker generations to drain below --max-worker-generations before it goes ahead anyway (a Go duration such as 30s).",
        DefaultValueFactory = _ => ReloadGateOptions.Default.MaxWait,
        CustomParser = result => GoDuration.Parse(result.Tokens.Single().Value) is { } wait
            ? wait
            : FailWith(result, "--max-worker-generations-wait takes a Go duration such as 30s or 1m", TimeSpan.Zero),
    };

    private readonly Option<FileInfo?> _kubeconfig = new("--kubeconfig") { Description = "kubeconfig file for the API server; default: KUBECONFIG, ~/.kube/config, or the pod's service account." };
    private readonly Option<string?> _watchNamespace = new("--watch-namespace") { Description = "Watch only this namespace; default: all namespaces." };
    private readonly StatusFlags _statusFlags = new();
    private readonly ControllerFlags _controllerFlags;
    private readonly NginxFlags _nginxFlags;

    private RunCommand(ControllerFlags controllerFlags, NginxFlags nginxFlags)
    {
        _controllerFlags = controllerFlags;
        _nginxFlags = nginxFlags;
    }

    public static RunCommand Create(ControllerFlags controllerFlags, NginxFlags nginxFlags)
    {
        var run = new RunCommand(controllerFlags, nginxFlags);
        run.Command = run.BuildCommand();
        return run;
    }

    public Command Command { get; private set; } = null!;

    /// <summary>The settings a parsed <c>run</c> command line stands for; checks nothing on disk or in the cluster.</summary>
    public RunSettings Bind(ParseResult result) => new()
    {
        AlwaysRelevant = ObjectsNamedByFlags(result),
        ElectionId = result.GetValue(_statusFlags.ElectionId)!,
        ElectionTtl = result.GetValue(_statusFlags.ElectionTtl),
        Status = _statusFlags.Bind(result) with { ControllerPod = PodFromEnvironment() },
        ManifestsDirectory = result.GetValue(_manifests)?.FullName,
        Kubeconfig = result.GetValue(_kubeconfig)?.FullName,
        WatchNamespace = string.IsNullOrEmpty(result.GetValue(_watchNamespace)) ? null : result.GetValue(_watchNamespace),
        WorkDirectory = result.GetValue(_workDir)!.FullName,
        NginxBinary = result.GetValue(_nginxBinary)!,
        NginxMode = result.GetValue(_nginxMode),
        HealthzPort = result.GetValue(_healthzPort),
        ReloadGate = ReloadGateOptions.Default with
        {
            MaxGenerations = result.GetValue(_maxWorkerGenerations),
            MaxWait = result.GetValue(_maxWorkerGenerationsWait),
        },
        Controller = _controllerFlags.Bind(result) with
        {
            // A TCP or UDP service may not take a port nginx or the controller listens on already.
            ReservedPorts = ControllerOptions.ReservedPortsOf(result.GetValue(_nginxFlags.HttpPort), result.GetValue(_nginxFlags.HttpsPort),
                result.GetValue(_nginxFlags.StatusPort), result.GetValue(_healthzPort)),
        },
        // Like ingress-nginx, listen on [::] only where the host has IPv6; render assumes it has.
        Nginx = _nginxFlags.Bind(result) with { Ipv6 = Nginx.Translation.Ipv6Probe.Available() },
    };

    private Command BuildCommand()
    {
        // Unmatched tokens become usage errors in UsageErrors, which can say which flag was meant.
        var command = new Command("run", "Run the controller: watch the objects, keep nginx serving them.") { TreatUnmatchedTokensAsErrors = false };
        foreach (var option in new Option[] { _manifests, _workDir, _healthzPort, _nginxBinary, _nginxMode, _maxWorkerGenerations, _maxWorkerGenerationsWait, _kubeconfig, _watchNamespace }
            .Concat(_controllerFlags.All).Concat(_nginxFlags.All).Concat(_statusFlags.All))
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
            var directory = result.GetValue(_manifests);
            if (directory is { Exists: false })
            {
                await Console.Error.WriteLineAsync($"error: {directory.FullName}: no such folder");
                return ExitCodes.InputUnreadable;
            }
            var kubeconfigFile = result.GetValue(_kubeconfig);
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
            var settings = Bind(result);
            // RunAsync disposes the host, which stops a supervised nginx (an external one drains in its own container).
            var app = ControllerHost.Build(settings);
            await Microsoft.Extensions.Hosting.HostingAbstractionsHostExtensions.RunAsync(app, cancellationToken);
            return 0;
        });
        return command;
    }

    private static T FailWith<T>(System.CommandLine.Parsing.ArgumentResult result, string message, T value)
    {
        result.AddError(message);
        return value;
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
    /// The Secrets and ConfigMaps the ingress-nginx flags name as namespace/name: a change to one re-renders though no
    /// Ingress names it. pflag lets the last of repeated values win.
    /// </summary>
    internal static IReadOnlyList<ObjectKey> ObjectsNamedByFlags(ParseResult result) =>
        new[] { "--configmap", "--tcp-services-configmap", "--udp-services-configmap", "--default-ssl-certificate" }
            .Select(flag => result.GetValue<string[]>(flag) is { Length: > 0 } values ? values[^1] : null)
            .Select(value => value?.Split('/') is [{ Length: > 0 } ns, { Length: > 0 } name] ? new ObjectKey(ns, name) : (ObjectKey?)null)
            .OfType<ObjectKey>()
            .ToList();
}
