using NginxIngress.Core.Snapshot;
using NginxIngress.Integration.Tests.Routing;
using NginxIngress.Integration.Tests.Tls;
using NginxIngress.Nginx.Pipeline;
using NginxIngress.Nginx.Validation;
using NginxIngress.TestKit.Scenarios;
using static NginxIngress.Integration.Tests.Routing.RoutingYaml;

namespace NginxIngress.Integration.Tests.Validation;

/// <summary>
/// nginx -t against the config nginx already serves checks only what changed (ValidationScope). A bad new
/// Ingress must still never reach nginx: real nginx -t on the narrowed config rejects its snippet, the Ingress is
/// left out, and the hosts served before keep being served by the config that goes live.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class NarrowedValidationTests
{
    private static readonly ObjectKey Bad = new("default", "bad");

    [Test]
    public async Task A_bad_new_ingress_is_rejected_by_nginx_t_on_what_changed_and_the_served_hosts_stay()
    {
        await using var cluster = LoopbackCluster.Create(options: TlsCluster.WithConfigMap);
        cluster.Apply(TlsYaml.ConfigMap(("allow-snippet-annotations", "true"), ("annotations-risk-level", "Critical"))
            + Service("shop") + Service("blog")
            + Ingress("shop", "shop.example", [("/", "Prefix", "shop")])
            + Ingress("blog", "blog.example", [("/", "Prefix", "blog")], Annotations(("configuration-snippet", "more_set_headers 'X-Blog: 1';"))));
        await cluster.StartPodsAsync("shop", replicas: 1);
        await cluster.StartPodsAsync("blog", replicas: 1);
        var served = await cluster.ReconcileAsync();
        Assert.That(served.Problems, Is.Empty, cluster.Describe());

        cluster.Apply(Ingress("bad", "bad.example", [("/", "Prefix", "shop")], Annotations(("configuration-snippet", "no_such_directive on;"))), "bad.yaml");
        var snapshot = cluster.Snapshot();
        var scratch = Directory.CreateTempSubdirectory("nginx-ingress-narrowed-").FullName;
        var nginx = new CountingValidator(new NginxBinaryValidator("nginx", scratch));
        PipelineResult Render(IReadOnlySet<ObjectKey> leftOut) => ConfigPipeline.Run(snapshot, cluster.Options, cluster.Nginx.Settings, leftOut);

        var result = await new IsolatingValidator(nginx).ValidateAsync(Render, new HashSet<ObjectKey>(), null, CancellationToken.None, served.Config);

        Assert.That(result.Outcome, Is.EqualTo(IsolationOutcome.Valid), result.Message);
        Assert.That(result.Rejected.Keys, Is.EqualTo(new[] { Bad }));
        Assert.That(result.Rejected[Bad], Does.Contain("unknown directive \"no_such_directive\""), "the exclusion carries nginx's own words");
        Assert.That(result.FullValidations, Is.Zero, "no nginx -t on the whole config");
        Assert.That(nginx.Texts, Has.All.Not.Contain("server_name \"shop.example\""), "nginx -t saw the new host, not the ones it serves");
        await cluster.Nginx.ApplyAsync(result.Servable!.Rendered);
        ResponseAssert.ServedBy(await cluster.GetAsync("shop.example", "/"), "shop");
        var blog = await cluster.GetAsync("blog.example", "/");
        ResponseAssert.ServedBy(blog, "blog");
        Assert.That(blog.Headers["X-Blog"], Is.EqualTo("1"));
        Assert.That((await cluster.GetAsync("bad.example", "/")).StatusCode, Is.EqualTo(404), "the bad Ingress is not served");
        Directory.Delete(scratch, recursive: true);
    }

    /// <summary>The real validator, remembering what it was given.</summary>
    private sealed class CountingValidator(INginxValidator inner) : INginxValidator
    {
        public List<string> Texts { get; } = [];

        public Task<ValidationResult> ValidateAsync(Nginx.Rendering.RenderedConfig config, CancellationToken cancellationToken)
        {
            Texts.Add(config.Text);
            return inner.ValidateAsync(config, cancellationToken);
        }
    }
}
