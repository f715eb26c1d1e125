using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Settings;
using NginxIngress.Core.Snapshot;
using NginxIngress.Kubernetes.Manifests;
using NginxIngress.Nginx.Pipeline;
using NginxIngress.TestKit.Backends;
using NginxIngress.TestKit.Nginx;

namespace NginxIngress.TestKit.Scenarios;

/// <summary>
/// A cluster made of files and loopback sockets: manifests go through the production reader and loader, the
/// pods are <see cref="EchoBackend"/>s with an EndpointSlice written for them as the EndpointSlice controller
/// would, and the controller's output runs in a real <see cref="NginxFixture"/>. One per test.
/// </summary>
public sealed class LoopbackCluster : IAsyncDisposable
{
    public const string ControllerClass = "k8s.io/ingress-nginx";

    private readonly List<(string Name, string Yaml)> _manifests = [];
    private readonly List<PodGroup> _groups = [];
    private readonly IReadOnlyList<string> _ingressClasses;
    private readonly ManifestSnapshotLoader _loader = new();
    private readonly List<IngressClient> _retiredClients = [];
    private IngressClient? _client;

    private LoopbackCluster(NginxFixture nginx, IReadOnlyList<string> ingressClasses, ControllerOptions options)
    {
        Nginx = nginx;
        Nginx.DescribesItselfOnFailure = false;
        _ingressClasses = ingressClasses;
        Options = options;
    }

    public NginxFixture Nginx { get; }

    public ControllerOptions Options { get; }

    /// <summary>The last render: config, nginx text and the problems the controller reported.</summary>
    public PipelineResult? LastResult { get; private set; }

    /// <summary>Manifest warnings (errors throw) from the last reconcile, for failure messages.</summary>
    public IReadOnlyList<ManifestIssue> ManifestIssues { get; private set; } = [];

    /// <param name="ingressClasses">IngressClasses to create, each with spec.controller <see cref="ControllerClass"/>.</param>
    public static LoopbackCluster Create(IReadOnlyList<string>? ingressClasses = null, ControllerOptions? options = null) =>
        new(NginxFixture.Create(LoopbackAddresses.Next()), ingressClasses ?? ["nginx"], options ?? ControllerOptions.Default);

    /// <summary>Adds objects, as <c>kubectl apply</c> would; they count from the next <see cref="ReconcileAsync"/>.</summary>
    public void Apply(string yaml, string name = "test.yaml") => _manifests.Add((name, yaml));

    /// <summary>
    /// Creates a cluster, applies <paramref name="yaml"/>, starts the pods and reconciles: the usual first steps of
    /// a test, undone again if one of them fails.
    /// </summary>
    public static async Task<LoopbackCluster> StartAsync(string yaml, params (string Service, int Replicas)[] pods)
    {
        var cluster = Create();
        try
        {
            cluster.Apply(yaml);
            foreach (var (service, replicas) in pods)
            {
                await cluster.StartPodsAsync(service, replicas);
            }
            await cluster.ReconcileAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts <paramref name="replicas"/> pods for a Service on one shared port, each on its own loopback address,
    /// and lists them in an EndpointSlice of their own. The last <paramref name="notReady"/> pods are listed with
    /// <c>ready: false</c>. The slice carries the Service ports named in <paramref name="portNames"/>, or all of them.
    /// </summary>
    public async Task<PodGroup> StartPodsAsync(string service, int replicas, int notReady = 0, string ns = "default", string? podPrefix = null, string? reportedService = null,
        IReadOnlyList<string>? portNames = null, EchoTransport? transport = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(replicas);
        var addresses = Enumerable.Range(0, replicas).Select(_ => LoopbackAddresses.Next()).ToList();
        for (var attempt = 1; ; attempt++)
        {
            var pods = new List<EchoBackend>();
            try
            {
                foreach (var (address, i) in addresses.Select((a, i) => (a, i)))
                {
                    // The first pod takes any free port; the others share it, as the pods of one Deployment do.
                    var port = pods.Count == 0 ? 0 : pods[0].Port;
                    pods.Add(await EchoBackend.StartAsync(address, port, reportedService ?? service, $"{podPrefix ?? service}-{i}", ns, transport, cancellationToken));
                }
                var group = new PodGroup(ns, service, pods, pods.TakeLast(notReady).ToHashSet()) { PortNames = portNames };
                _groups.Add(group);
                return group;
            }
            catch (IOException) when (attempt < 5)
            {
                // That port was taken on one of the other addresses: start over on a new one.
                foreach (var pod in pods)
                {
                    await pod.DisposeAsync();
                }
            }
        }
    }

    public IReadOnlyList<PodGroup> PodGroups => _groups;

    /// <summary>Renders everything applied so far and makes nginx serve it.</summary>
    public async Task<PipelineResult> ReconcileAsync(CancellationToken cancellationToken = default)
    {
        var result = ConfigPipeline.Run(Snapshot(), Options, Nginx.Settings);
        LastResult = result;
        await Nginx.ApplyAsync(result.Rendered, cancellationToken);
        // The next requests start on fresh connections. The old client is kept, not disposed: a caller may
        // still have a request in flight on it.
        if (_client is not null)
        {
            _retiredClients.Add(_client);
            _client = null;
        }
        return result;
    }

    /// <summary>Everything applied so far, with the EndpointSlices of the running pods, as the controller would see it.</summary>
    public ClusterSnapshot Snapshot()
    {
        var documents = new List<ManifestDocument>();
        var issues = new List<ManifestIssue>();
        foreach (var (name, yaml) in _manifests)
        {
            ManifestDocumentReader.ReadText(yaml, name, documents, issues);
        }
        ManifestDocumentReader.ReadText(GeneratedObjects(documents), "generated.yaml", documents, issues);
        var loaded = _loader.Load(documents, issues);
        var errors = loaded.Issues.Where(issue => issue.Severity == ProblemSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"The manifests do not load:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
        }
        ManifestIssues = loaded.Issues;
        return loaded.Snapshot;
    }

    /// <summary>The client for this cluster's nginx, renewed by every reconcile.</summary>
    public IngressClient Client => _client ??= new IngressClient(Nginx);

    public Task<IngressResponse> GetAsync(string? host, string pathAndQuery, CancellationToken cancellationToken = default) =>
        Client.GetAsync(host, pathAndQuery, cancellationToken);

    /// <summary>The problems, manifest issues and nginx state, for a failing test's output.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine("--- controller problems:");
        foreach (var problem in LastResult?.Problems ?? [])
        {
            text.AppendLine(problem.ToString());
        }
        foreach (var issue in ManifestIssues)
        {
            text.AppendLine(issue.ToString());
        }
        text.AppendLine("--- pods:");
        foreach (var group in _groups)
        {
            text.AppendLine($"{group.Namespace}/{group.Service}: " + string.Join(", ", group.Pods.Select(p => $"{p.Pod}@{p.Address}:{p.Port}{(group.NotReady.Contains(p) ? " (not ready)" : "")} served {p.RequestCount}")));
        }
        text.Append(Nginx.Describe());
        return text.ToString();
    }

    /// <summary>IngressClasses, and one EndpointSlice per Service with pods, with the ports the Service names.</summary>
    private string GeneratedObjects(IReadOnlyList<ManifestDocument> documents)
    {
        var yaml = new StringBuilder();
        foreach (var className in _ingressClasses)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"""
                ---
                apiVersion: networking.k8s.io/v1
                kind: IngressClass
                metadata:
                  name: {className}
                spec:
                  controller: {ControllerClass}
                """);
        }
        foreach (var (group, index) in _groups.Select((group, index) => (group, index)))
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"""
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata:
                  name: {group.Service}-loopback-{index}
                  namespace: {group.Namespace}
                  labels:
                    kubernetes.io/service-name: {group.Service}
                addressType: IPv4
                ports:
                """);
            foreach (var portName in group.PortNames ?? ServicePortNames(documents, group.Namespace, group.Service))
            {
                yaml.AppendLine(CultureInfo.InvariantCulture, $"""
                      - name: "{portName}"
                        port: {group.Port}
                        protocol: TCP
                    """);
            }
            yaml.AppendLine("endpoints:");
            foreach (var pod in group.Pods)
            {
                yaml.AppendLine(CultureInfo.InvariantCulture, $"""
                      - addresses: ["{pod.Address}"]
                        conditions:
                          ready: {(group.NotReady.Contains(pod) ? "false" : "true")}
                        targetRef:
                          kind: Pod
                          name: {pod.Pod}
                    """);
            }
        }
        return yaml.ToString();
    }

    /// <summary>
    /// The EndpointSlice controller names each slice port after the Service port it serves ("" when unnamed);
    /// that name is how the controller maps a Service port, and a named targetPort, to the pods' port.
    /// </summary>
    private static IEnumerable<string> ServicePortNames(IReadOnlyList<ManifestDocument> documents, string ns, string service)
    {
        var serviceDocument = documents.LastOrDefault(d => d.Kind == "Service"
            && (string?)d.Body["metadata"]?["name"] == service
            && ((string?)d.Body["metadata"]?["namespace"] ?? "default") == ns);
        var names = (serviceDocument?.Body["spec"]?["ports"] as JsonArray ?? [])
            .Select(port => (string?)port?["name"] ?? "")
            .Distinct()
            .ToList();
        return names.Count > 0 ? names : [""];
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _retiredClients.Append(_client).OfType<IngressClient>())
        {
            client.Dispose();
        }
        await FailureOutput.WriteIfFailingAsync(Describe);
        // nginx first, so it does not log the backends going away.
        await Nginx.DisposeAsync();
        await Task.WhenAll(_groups.SelectMany(group => group.Pods).Select(pod => pod.DisposeAsync().AsTask()));
    }
}
