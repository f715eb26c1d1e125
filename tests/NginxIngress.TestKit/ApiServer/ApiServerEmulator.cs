using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace NginxIngress.TestKit.ApiServer;

/// <summary>
/// A Kubernetes API server for tests: the real REST list/watch protocol (resourceVersions, paging, watch replay,
/// bookmarks, 410 Expired, optimistic concurrency, the status subresource) over plain HTTP on loopback, so the real
/// KubernetesClient and the real controller binary can talk to it. Chaos controls make the failures a controller
/// must survive happen on demand. Objects live in memory only.
/// </summary>
/// <remarks>
/// Deliberately not emulated: namespaces as objects (any namespace exists), finalizers and graceful deletion,
/// deletecollection, server-side apply, managedFields, admission and schema validation beyond names, strategic merge
/// by list merge keys (strategic patches merge like JSON merge patches), protobuf, discovery endpoints, and field
/// selectors other than metadata.name and metadata.namespace. A list with resourceVersion "0" ignores limit, as the
/// real watch cache does.
/// </remarks>
public sealed class ApiServerEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly VersionedObjectStore _store = new();
    private readonly StallSwitch _stall = new();
    private readonly RestEndpoint _rest;
    private readonly WatchEndpoint _watch;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly ConcurrentQueue<ApiRequestRecord> _requests = new();
    private int _failuresLeft;
    private int _failureCode;
    private volatile string? _failureResource;
    private double _failureFraction;
    private long _responseDelayTicks;
    private string _bearerToken = "emulator-token";

    private ApiServerEmulator(WebApplication app)
    {
        _app = app;
        _rest = new RestEndpoint(_store);
        _watch = new WatchEndpoint(_store, _stall);
    }

    /// <summary>The loopback port the kernel chose.</summary>
    public int Port { get; private set; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    /// <summary>
    /// The only bearer token accepted; any other request gets 401, as an authenticating server would answer.
    /// <see cref="RotateToken"/> replaces it, as the kubelet replaces a pod's projected service-account token.
    /// </summary>
    public string BearerToken
    {
        get => Volatile.Read(ref _bearerToken);
        private set => Volatile.Write(ref _bearerToken, value);
    }

    /// <summary>Accepts only <paramref name="token"/> from now on: the old token is revoked at once (a bound token that expired).</summary>
    public void RotateToken(string token) => BearerToken = token;

    /// <summary>The store's current (latest written) resourceVersion.</summary>
    public long ResourceVersion => _store.ResourceVersion;

    public int OpenWatchCount => _watch.OpenCount;

    /// <summary>Every request answered so far, in the order they finished (watches when they started streaming or failed).</summary>
    public IReadOnlyList<ApiRequestRecord> Requests => _requests.ToArray();

    /// <summary>How often an idle watch that asked for bookmarks gets one.</summary>
    public TimeSpan BookmarkInterval
    {
        get => _watch.BookmarkInterval;
        set => _watch.BookmarkInterval = value;
    }

    /// <summary>Waited before answering every request, to emulate a slow or distant server.</summary>
    public TimeSpan ResponseDelay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _responseDelayTicks));
        set => Interlocked.Exchange(ref _responseDelayTicks, value.Ticks);
    }

    public static async Task<ApiServerEmulator> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1);
        });
        var app = builder.Build();
        var emulator = new ApiServerEmulator(app);
        app.Run(emulator.AnswerAsync);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        emulator.Port = new Uri(bound).Port;
        return emulator;
    }

    /// <summary>How many requests with this Kubernetes verb (get, list, watch, create, update, patch, delete) hit the resource (plural).</summary>
    public int CountRequests(string verb, string resource) =>
        _requests.Count(r => r.Verb == verb && r.Resource == resource);

    /// <summary>Aborts every open watch connection mid-stream; clients see the stream break, not end cleanly.</summary>
    public void DropWatches() => _watch.DropAll();

    /// <summary>
    /// The next <paramref name="count"/> requests fail with <paramref name="statusCode"/> and a Status body: requests of any
    /// kind, or only those for <paramref name="resource"/> (a plural such as <c>services</c>), so one informer can lag the others.
    /// </summary>
    public void FailNextRequests(int count, int statusCode, string? resource = null)
    {
        _failureResource = resource;
        Volatile.Write(ref _failureCode, statusCode);
        Volatile.Write(ref _failuresLeft, count);
    }

    /// <summary>
    /// From now on, each request fails with <paramref name="statusCode"/> with probability <paramref name="fraction"/>
    /// (0 turns it off): a flaky API server rather than a burst of failures.
    /// </summary>
    public void FailRandomly(double fraction, int statusCode)
    {
        Volatile.Write(ref _failureCode, statusCode);
        Volatile.Write(ref _failureFraction, fraction);
    }

    /// <summary>
    /// Sends <paramref name="line"/> as it is on every open watch: a blank line, or one cut off mid-object, as a
    /// proxy or an overloaded server can produce. Clients must skip it and read on.
    /// </summary>
    public void SendRawWatchLine(string line) => _store.EnqueueToAll(WatchFrame.Raw(line));

    /// <summary>While stalled, watch connections stay open but send nothing: no events, no bookmarks, no end.</summary>
    public void StallWatches(bool stalled) => _stall.Set(stalled);

    /// <summary>Drops the history up to the current resourceVersion: older watch resume points and continue tokens get 410.</summary>
    public void Compact() => _store.Compact();

    /// <summary>
    /// Creates or replaces an object without HTTP, status included, like a write straight into etcd. It bumps the
    /// resourceVersion and is watched like any other write. Returns the object as stored.
    /// </summary>
    public T Apply<T>(T obj)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        var resource = ResourceOf(typeof(T));
        var node = JsonNode.Parse(KubernetesJson.Serialize(obj))!.AsObject();
        var metadata = ObjectMetadata.Of(node);
        metadata.Remove("resourceVersion");
        var ns = resource.Namespaced ? (string?)metadata["namespace"] ?? "default" : "";
        var name = (string?)metadata["name"] ?? throw new ArgumentException("Apply needs metadata.name.", nameof(obj));
        StoredObject stored;
        try
        {
            stored = _store.Get(resource, ns, name) is null
                ? _store.Create(resource, ns, node, resetStatus: false)
                : _store.Update(resource, ns, name, _ => node, WriteScope.Whole);
        }
        catch (ApiStatusException e) when (e.Code is 404 or 409)
        {
            // Raced another writer between the lookup and the write; the other verb wins now.
            stored = _store.Update(resource, ns, name, _ => node, WriteScope.Whole);
        }
        return KubernetesJson.Deserialize<T>(System.Text.Encoding.UTF8.GetString(stored.Json));
    }

    /// <summary>The stored object, or null. <paramref name="ns"/> is ignored for cluster-scoped kinds.</summary>
    public T? Get<T>(string? ns, string name)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        var resource = ResourceOf(typeof(T));
        var stored = _store.Get(resource, resource.Namespaced ? ns ?? "default" : "", name);
        return stored is null ? default : KubernetesJson.Deserialize<T>(System.Text.Encoding.UTF8.GetString(stored.Json));
    }

    /// <summary>Deletes without HTTP; false when there was nothing to delete.</summary>
    public bool Delete<T>(string? ns, string name)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        var resource = ResourceOf(typeof(T));
        try
        {
            _store.Delete(resource, resource.Namespaced ? ns ?? "default" : "", name, null, null);
            return true;
        }
        catch (ApiStatusException e) when (e.Code == 404)
        {
            return false;
        }
    }

    /// <summary>
    /// Writes a kubeconfig for plain HTTP to this emulator with its bearer token, usable by
    /// <c>KubernetesClientConfiguration.BuildConfigFromConfigFile</c> and by <c>nginx-ingress --kubeconfig</c>.
    /// </summary>
    public void WriteKubeconfig(string path, string defaultNamespace = "default")
    {
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: emulator
              cluster:
                server: {BaseAddress.ToString().TrimEnd('/')}
            users:
            - name: emulator
              user:
                token: {BearerToken}
            contexts:
            - name: emulator
              context:
                cluster: emulator
                user: emulator
                namespace: {defaultNamespace}
            current-context: emulator

            """);
    }

    public async ValueTask DisposeAsync()
    {
        await _shutdown.CancelAsync();
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            await _app.StopAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            // Stop gave up waiting for in-flight requests; disposing below closes them anyway.
        }
        await _app.DisposeAsync();
        _shutdown.Dispose();
    }

    private static ApiResource ResourceOf(Type type) =>
        ApiResourceCatalog.Find(type) ?? throw new ArgumentException($"The emulator does not serve {type.Name}.");

    private async Task AnswerAsync(HttpContext context)
    {
        var request = context.Request;
        var route = ApiRoute.Parse(request.Path.Value ?? "");
        var verb = VerbOf(request, route);
        var recorded = 0;
        // A watch is counted once its stream starts, so tests can see it while it is open.
        void Record()
        {
            if (Interlocked.Exchange(ref recorded, 1) == 0)
            {
                var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
                _requests.Enqueue(new ApiRequestRecord(verb, request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "",
                    route?.Resource.Plural, route?.Namespace, route?.Name, route?.Subresource, context.Response.StatusCode) { RawTarget = raw, ContentType = request.ContentType });
            }
        }
        try
        {
            var delay = ResponseDelay;
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, context.RequestAborted);
            }
            if (request.Headers.Authorization.ToString() != $"Bearer {BearerToken}")
            {
                throw new ApiStatusException(401, "Unauthorized", "Unauthorized");
            }
            if ((_failureResource is null || _failureResource == route?.Resource.Plural) && TakeInjectedFailure() is { } failure)
            {
                throw failure;
            }
            if (route is null)
            {
                throw new ApiStatusException(404, "NotFound", "the server could not find the requested resource");
            }
            var task = verb switch
            {
                "get" => _rest.GetAsync(context, route),
                "list" => _rest.ListAsync(context, route),
                "watch" => _watch.WatchAsync(context, route, Record, _shutdown.Token),
                "create" => _rest.CreateAsync(context, route),
                "update" => _rest.ReplaceAsync(context, route),
                "patch" => _rest.PatchAsync(context, route),
                "delete" => _rest.DeleteAsync(context, route),
                _ => throw new ApiStatusException(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource"),
            };
            await task;
        }
        catch (ApiStatusException e) when (!context.Response.HasStarted)
        {
            if (e.RetryAfterSeconds is { } retry)
            {
                context.Response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
            }
            await RestEndpoint.WriteAsync(context, e.Code, JsonSerializer.SerializeToUtf8Bytes(e.ToStatus()));
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
        {
            // The client went away mid-request.
        }
        finally
        {
            Record();
        }
    }

    private ApiStatusException? TakeInjectedFailure()
    {
        while (true)
        {
            var left = Volatile.Read(ref _failuresLeft);
            if (left <= 0)
            {
                return Random.Shared.NextDouble() < Volatile.Read(ref _failureFraction) ? Failure(Volatile.Read(ref _failureCode)) : null;
            }
            if (Interlocked.CompareExchange(ref _failuresLeft, left - 1, left) == left)
            {
                return Failure(Volatile.Read(ref _failureCode));
            }
        }
    }

    private static ApiStatusException Failure(int code) => code switch
    {
        429 => new ApiStatusException(429, "TooManyRequests", "the server has received too many requests and has asked us to try again later") { RetryAfterSeconds = 1 },
        500 => new ApiStatusException(500, "InternalError", "Internal error occurred: injected by the emulator"),
        503 => new ApiStatusException(503, "ServiceUnavailable", "the server is currently unable to handle the request"),
        504 => new ApiStatusException(504, "Timeout", "the server was unable to return a response in the time allotted"),
        _ => new ApiStatusException(code, "Unknown", $"injected failure {code}"),
    };

    private static string VerbOf(HttpRequest request, ApiRoute? route)
    {
        var watch = request.Query["watch"].ToString() is "true" or "1";
        return request.Method switch
        {
            "GET" when route?.Name is not null => "get",
            "GET" => watch ? "watch" : "list",
            "POST" when route is { Name: null } => "create",
            "PUT" when route?.Name is not null => "update",
            "PATCH" when route?.Name is not null => "patch",
            "DELETE" when route?.Name is not null => "delete",
            _ => request.Method.ToLowerInvariant(),
        };
    }
}
