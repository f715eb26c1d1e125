using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NginxIngress.Controller.Diagnostics;
using NginxIngress.Kubernetes.Informers;
using NginxIngress.Kubernetes.Manifests;
using NginxIngress.Kubernetes.Status;
using NginxIngress.Kubernetes.Store;
using NginxIngress.Nginx.Runtime;
using NginxIngress.Nginx.Validation;

namespace NginxIngress.Controller.Hosting;

/// <summary>Wires the controller: a source (the manifest folder, or the API informers) → store → reconcile loop → nginx, plus /healthz.</summary>
internal static class ControllerHost
{
    public static WebApplication Build(RunSettings settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://0.0.0.0:{settings.HealthzPort}");
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            options.UseUtcTimestamp = true;
        });
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);

        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(_ =>
        {
            var store = new ObjectStore();
            foreach (var key in settings.AlwaysRelevant)
            {
                store.AlwaysRelevant(key);
            }
            return store;
        });
        services.AddSingleton<ReconcileSignal>();
        services.AddSingleton<ControllerHealth>();
        services.AddSingleton(new Diagnostics.ControllerMetrics(settings.Controller.ControllerClass,
            Environment.GetEnvironmentVariable("POD_NAMESPACE") is { Length: > 0 } podNamespace ? podNamespace : "",
            Environment.GetEnvironmentVariable("POD_NAME") is { Length: > 0 } podName ? podName : Environment.MachineName));
        if (settings.ManifestsDirectory is { } directory)
        {
            AddManifestSource(services, directory);
        }
        else
        {
            AddApiSource(services, settings);
        }
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new IsolatingValidator(
            new NginxBinaryValidator(settings.NginxBinary, Path.Combine(settings.WorkDirectory, "validate"), settings.ValidationTimeout)));
        services.AddSingleton(new ConfigVersionProbe(settings.Nginx.StatusPort));
        AddNginx(services, settings);
        services.AddSingleton(provider => new WorkerGenerations(provider.GetRequiredService<INginxProcess>()));
        services.AddSingleton(provider =>
        {
            var generations = provider.GetRequiredService<WorkerGenerations>();
            var metrics = provider.GetRequiredService<Diagnostics.ControllerMetrics>();
            metrics.WatchWorkerGenerations(generations.Read);
            var gate = new ReloadGate(generations.Read, settings.ReloadGate, provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<ReloadGate>>());
            gate.Waited += metrics.ObserveReloadWait;
            // The gate lets a reload pass just before the SIGHUP: workers forked from now on are the next generation.
            gate.Waited += _ => generations.Reloading();
            return new NginxApplier(Path.Combine(settings.WorkDirectory, "live"), provider.GetRequiredService<INginxProcess>(),
                provider.GetRequiredService<ConfigVersionProbe>(), provider.GetRequiredService<ILogger<NginxApplier>>(), settings.VerifyTimeout, gate);
        });
        services.AddSingleton(provider =>
        {
            var loop = ActivatorUtilities.CreateInstance<ReconcileLoop>(provider);
            var applier = provider.GetRequiredService<NginxApplier>();
            // A restarted nginx serves whatever is on disk: verify it again, and do not wait out a backoff to do so.
            provider.GetRequiredService<INginxProcess>().Restarted += () =>
            {
                applier.Invalidate();
                loop.RetryNow();
            };
            return loop;
        });
        services.AddHostedService(provider => provider.GetRequiredService<ReconcileLoop>());

        var app = builder.Build();
        HealthzEndpoint.Map(app);
        return app;
    }

    /// <summary>
    /// The nginx the loop drives: a supervised child, or (<c>--nginx-mode=external</c>) the nginx of the pod's other
    /// container, whose pid file in the shared work directory is watched for restarts.
    /// </summary>
    private static void AddNginx(IServiceCollection services, RunSettings settings)
    {
        var live = Path.Combine(settings.WorkDirectory, "live");
        if (settings.NginxMode == NginxMode.External)
        {
            services.AddSingleton(provider => new ExternalNginx(live, provider.GetRequiredService<ILogger<ExternalNginx>>(), settings.ExternalNginx));
            services.AddSingleton<INginxProcess>(provider => provider.GetRequiredService<ExternalNginx>());
            services.AddSingleton<IHostedService>(provider => new BackgroundRun(provider.GetRequiredService<ExternalNginx>().WatchAsync));
            return;
        }
        services.AddSingleton(provider => new NginxChildProcess(settings.NginxBinary, live, provider.GetRequiredService<ILogger<NginxChildProcess>>()));
        services.AddSingleton<INginxProcess>(provider => provider.GetRequiredService<NginxChildProcess>());
    }

    private static void AddManifestSource(IServiceCollection services, string directory)
    {
        services.AddSingleton(provider => new ManifestDirectoryWatcher(
            directory, provider.GetRequiredService<ObjectStore>(), provider.GetRequiredService<ILogger<ManifestDirectoryWatcher>>()));
        services.AddSingleton<IObjectOrigins>(provider => provider.GetRequiredService<ManifestDirectoryWatcher>());
        services.AddSingleton<IHostedService>(provider => new BackgroundRun(provider.GetRequiredService<ManifestDirectoryWatcher>().RunAsync));
    }

    /// <summary>Six informers feed one store source; the loop renders nothing until each has listed its kind once.</summary>
    private static void AddApiSource(IServiceCollection services, RunSettings settings)
    {
        services.AddSingleton<IKubernetes>(_ => new k8s.Kubernetes(ApiClientConfiguration.Build(settings.Kubeconfig)));
        // The API source keeps the data of only the Secrets and ConfigMaps something names; the fetcher brings one
        // back when an Ingress starts naming it.
        services.AddSingleton(provider => provider.GetRequiredService<ObjectStore>().AddSource("api", holdsOnlyNamed: true));
        services.AddSingleton(provider => new NamedObjectFetcher(provider.GetRequiredService<IKubernetes>(),
            provider.GetRequiredService<StoreSource>(), logger: provider.GetRequiredService<ILogger<NamedObjectFetcher>>()));
        services.AddSingleton(provider =>
        {
            var source = provider.GetRequiredService<StoreSource>();
            // Created first, so that it hears of every object wanted from the informers' first events on.
            _ = provider.GetRequiredService<NamedObjectFetcher>();
            var sinks = new ClusterInformerSinks
            {
                Ingresses = new StoreSink<V1Ingress>(source),
                IngressClasses = new StoreSink<V1IngressClass>(source),
                Services = new StoreSink<V1Service>(source),
                EndpointSlices = new StoreSink<V1EndpointSlice>(source),
                Secrets = new StoreSink<V1Secret>(source),
                ConfigMaps = new StoreSink<V1ConfigMap>(source),
            };
            return new ClusterInformers(provider.GetRequiredService<IKubernetes>(), sinks, settings.WatchNamespace,
                settings.Informers, provider.GetRequiredService<ILoggerFactory>(), provider.GetRequiredService<Diagnostics.ControllerMetrics>());
        });
        services.AddSingleton<IObjectOrigins>(provider => new ResourceVersionOrigins(provider.GetRequiredService<ObjectStore>()));
        services.AddSingleton<IHostedService>(provider => new BackgroundRun(provider.GetRequiredService<ClusterInformers>().RunAsync));
        services.AddSingleton<IHostedService>(provider => new BackgroundRun(provider.GetRequiredService<NamedObjectFetcher>().RunAsync));

        // Problems become Events on the objects, written off the reconcile path (every replica writes its own, told
        // apart by reportingInstance, as ingress-nginx's do).
        services.AddSingleton<IEventRecorder>(provider => new ApiEventRecorder(provider.GetRequiredService<IKubernetes>(),
            reportingController: settings.Controller.ControllerClass,
            reportingInstance: Environment.GetEnvironmentVariable("POD_NAME") is { Length: > 0 } pod ? pod : Environment.MachineName,
            logger: provider.GetRequiredService<ILogger<ApiEventRecorder>>()));

        // Every replica renders and reloads its own nginx; only the elected one writes Ingress status. The election
        // is registered first so that it stops last: the writer clears status on shutdown while still leader.
        services.AddSingleton(provider => new LeaseElection(provider.GetRequiredService<IKubernetes>(),
            LeaseElectionOptions.FromTtl(Environment.GetEnvironmentVariable("POD_NAMESPACE") is { Length: > 0 } ns ? ns : "default", settings.ElectionTtl)
                with { ElectionId = settings.ElectionId },
            provider.GetRequiredService<ILogger<LeaseElection>>()));
        services.AddSingleton(provider => new IngressStatusWriter(provider.GetRequiredService<IKubernetes>(),
            provider.GetRequiredService<ObjectStore>(), provider.GetRequiredService<LeaseElection>(), settings.Controller,
            settings.Status, provider.GetRequiredService<ILogger<IngressStatusWriter>>()));
        // Not AddHostedService: it keeps one registration per implementation type, and every loop here is a BackgroundRun.
        services.AddSingleton<IHostedService>(provider => new BackgroundRun(provider.GetRequiredService<LeaseElection>().RunAsync));
        services.AddSingleton<IHostedService>(provider => new BackgroundRun(provider.GetRequiredService<IngressStatusWriter>().RunAsync));
    }
}
