using System.Collections;
using System.Diagnostics.CodeAnalysis;
using NginxIngress.Core.Collections;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Settings;
using NginxIngress.Core.Snapshot;
using NginxIngress.Nginx.Config;
using NginxIngress.Nginx.Pipeline;
using NginxIngress.Nginx.Rendering;
using NginxIngress.Nginx.Translation;
using NginxIngress.TestKit.Objects;

namespace NginxIngress.Nginx.Tests.Pipeline;

/// <summary>
/// A bug met while one Ingress is handled costs that Ingress alone: it is left out with an error that names it,
/// and everything else is still rendered. The bug is simulated by annotations that throw when read, which no
/// validator can have foreseen.
/// </summary>
[TestFixture]
public sealed class FaultIsolationTests
{
    [Test]
    public void Exception_while_building_one_ingress_excludes_it_and_serves_the_rest()
    {
        var faulty = new IngressBuilder("faulty").Class("nginx").Path("faulty.example.com", "/").Build();
        faulty.Metadata.Annotations = new ThrowingAnnotations();
        var snapshot = SnapshotBuilder.WithNginxClass(Workload.Create(), new IngressBuilder("good").Class("nginx").Path("good.example.com", "/"), faulty);

        var result = ConfigPipeline.Run(snapshot, ControllerOptions.Default, NginxSettings.Default);

        Assert.That(result.Rendered.Text, Does.Contain("server_name \"good.example.com\";"));
        Assert.That(result.Rendered.Text, Does.Not.Contain("faulty.example.com"));
        var problem = result.Problems.Single(p => p.Reason == "InternalError");
        Assert.That(problem.Subject, Is.EqualTo(ObjectRef.Ingress(new ObjectKey("default", "faulty"))));
        Assert.That(problem.Severity, Is.EqualTo(ProblemSeverity.Error));
        Assert.That(problem.Message, Does.Contain("building Ingress default/faulty failed: InvalidOperationException: annotations exploded"));
    }

    [Test]
    public void Every_faulty_ingress_is_named_and_excluded_and_already_excluded_ones_stay_out()
    {
        var first = new IngressBuilder("first").Class("nginx").Path("first.example.com", "/").Build();
        var second = new IngressBuilder("second").Class("nginx").Path("second.example.com", "/").Build();
        first.Metadata.Annotations = new ThrowingAnnotations();
        second.Metadata.Annotations = new ThrowingAnnotations();
        var snapshot = SnapshotBuilder.WithNginxClass(Workload.Create(), first, second,
            new IngressBuilder("good").Class("nginx").Path("good.example.com", "/"),
            new IngressBuilder("rejected").Class("nginx").Path("rejected.example.com", "/"));

        var result = ConfigPipeline.Run(snapshot, ControllerOptions.Default, NginxSettings.Default, new HashSet<ObjectKey> { new("default", "rejected") });

        Assert.That(result.Problems.Where(p => p.Reason == "InternalError").Select(p => p.Subject.Name), Is.EquivalentTo(new[] { "first", "second" }));
        Assert.That(result.Rendered.Text, Does.Contain("good.example.com"));
        Assert.That(result.Rendered.Text, Does.Not.Contain("rejected.example.com"));
    }

    [Test]
    public void Exception_while_printing_a_location_names_the_ingress_that_owns_it()
    {
        var good = Location("/good", "good");
        // The builder's allow-lists refuse control characters; this config skips them to reach the renderer's own guard.
        var broken = Location("/bro\nken", "broken");
        var config = NginxConfigTranslator.Translate(Core.Model.IngressModel.Empty, NginxSettings.Default) with
        {
            Servers = new[]
            {
                new ServerConfig
                {
                    ServerName = "a.example.com",
                    IsDefault = false,
                    Locations = new[] { good, broken }.ToEquatableArray(),
                    Ingresses = new[] { new ObjectKey("default", "good"), new ObjectKey("default", "broken") }.ToEquatableArray(),
                },
            }.ToEquatableArray(),
        };

        var fault = Assert.Throws<IngressFaultException>(() => NginxConfigRenderer.Render(config));

        Assert.That(fault!.Ingress, Is.EqualTo(new ObjectKey("default", "broken")));
        Assert.That(fault.Message, Does.StartWith("rendering location"));
    }

    private static LocationConfig Location(string path, string ingress) => new()
    {
        Modifier = "",
        Path = path,
        Owner = new LocationOwner("default", ingress, "web", "80"),
        ReturnStatus = 503,
    };

    /// <summary>Annotations whose every read throws, standing in for a bug in annotation handling.</summary>
    private sealed class ThrowingAnnotations : IDictionary<string, string>
    {
        private static InvalidOperationException Explode() => new("annotations exploded");

        public string this[string key] { get => throw Explode(); set => throw Explode(); }

        public ICollection<string> Keys => throw Explode();

        public ICollection<string> Values => throw Explode();

        public int Count => throw Explode();

        public bool IsReadOnly => true;

        public void Add(string key, string value) => throw Explode();

        public void Add(KeyValuePair<string, string> item) => throw Explode();

        public void Clear() => throw Explode();

        public bool Contains(KeyValuePair<string, string> item) => throw Explode();

        public bool ContainsKey(string key) => throw Explode();

        public void CopyTo(KeyValuePair<string, string>[] array, int arrayIndex) => throw Explode();

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => throw Explode();

        public bool Remove(string key) => throw Explode();

        public bool Remove(KeyValuePair<string, string> item) => throw Explode();

        public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value) => throw Explode();

        IEnumerator IEnumerable.GetEnumerator() => throw Explode();
    }
}
