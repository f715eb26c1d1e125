using k8s.Models;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Snapshot;
using NginxIngress.Kubernetes.Status;
using NginxIngress.TestKit.Objects;

namespace NginxIngress.Core.Tests.Status;

/// <summary>Which Events a reconcile deserves: a Warning per problem naming the field, a Sync per changed Ingress that went live.</summary>
public sealed class IngressEventPolicyTests
{
    private static readonly ObjectKey Shop = new("default", "shop");
    private static readonly ObjectKey Blog = new("default", "blog");

    private static V1Ingress Ingress(string name, string version = "1", string host = "a.example.com", string uid = "")
    {
        var ingress = new IngressBuilder(name).Class("nginx").Path(host, "/").Build();
        ingress.Metadata.ResourceVersion = version;
        ingress.Metadata.Uid = uid.Length == 0 ? $"uid-{name}" : uid;
        return ingress;
    }

    [Test]
    public void A_problem_becomes_a_warning_on_its_ingress_that_names_the_field()
    {
        var snapshot = SnapshotBuilder.From(Ingress("shop", version: "7"));
        var problem = new Problem(ObjectRef.Ingress(Shop), "spec.rules[0].host", ProblemSeverity.Error, "InvalidHost", "not a DNS name; the rule is left out");

        var events = IngressEventPolicy.EventsFor(snapshot, [problem], []);

        Assert.That(events, Is.EqualTo(new[]
        {
            new ObjectEvent(ObjectRef.Ingress(Shop), EventType.Warning, "InvalidHost", "Reject", "spec.rules[0].host: not a DNS name; the rule is left out")
            {
                Uid = "uid-shop",
                ResourceVersion = "7",
            },
        }));
    }

    [TestCase(ProblemSeverity.Error, "Reject")]
    [TestCase(ProblemSeverity.Warning, "Sync")]
    public void The_action_says_whether_the_object_was_left_out(ProblemSeverity severity, string action)
    {
        var problem = new Problem(ObjectRef.Ingress(Shop), "", severity, "Conflict", "whole object");

        var single = IngressEventPolicy.EventsFor(SnapshotBuilder.From(Ingress("shop")), [problem], []).Single();

        Assert.That((single.Action, single.Note), Is.EqualTo((action, "whole object")));
    }

    [Test]
    public void Each_ingress_gets_each_of_its_problems()
    {
        var snapshot = SnapshotBuilder.From(Ingress("shop"), Ingress("blog"));
        Problem[] problems =
        [
            new(ObjectRef.Ingress(Shop), "spec.rules[0].host", ProblemSeverity.Error, "InvalidHost", "bad host"),
            new(ObjectRef.Ingress(Shop), "spec.defaultBackend", ProblemSeverity.Warning, "Conflict", "older wins"),
            new(ObjectRef.Ingress(Blog), "spec.rules[0].http.paths[0].backend.service", ProblemSeverity.Warning, "BackendUnavailable", "no endpoints"),
        ];

        var events = IngressEventPolicy.EventsFor(snapshot, problems, []);

        Assert.That(events.Select(e => $"{e.Subject.Name} {e.Type} {e.Reason}"), Is.EqualTo(new[]
        {
            "shop Warning InvalidHost", "shop Warning Conflict", "blog Warning BackendUnavailable",
        }));
    }

    [Test]
    public void An_ingress_that_went_live_gets_a_sync_event_in_ingress_nginx_words()
    {
        var snapshot = SnapshotBuilder.From(Ingress("shop", version: "3"));

        var events = IngressEventPolicy.EventsFor(snapshot, [], [Shop]);

        Assert.That(events, Is.EqualTo(new[]
        {
            new ObjectEvent(ObjectRef.Ingress(Shop), EventType.Normal, "Sync", "Sync", "Scheduled for sync") { Uid = "uid-shop", ResourceVersion = "3" },
        }));
    }

    [Test]
    public void An_ingress_left_out_by_an_error_gets_no_sync_event()
    {
        var snapshot = SnapshotBuilder.From(Ingress("shop"), Ingress("blog"));
        var problem = new Problem(ObjectRef.Ingress(Shop), "", ProblemSeverity.Error, "RejectedByNginx", "excluded");

        var events = IngressEventPolicy.EventsFor(snapshot, [problem], [Shop, Blog]);

        Assert.That(events.Select(e => $"{e.Subject.Name} {e.Reason}"), Is.EqualTo(new[] { "shop RejectedByNginx", "blog Sync" }));
    }

    [Test]
    public void An_ingress_with_only_a_warning_still_gets_its_sync_event()
    {
        var snapshot = SnapshotBuilder.From(Ingress("shop"));
        var problem = new Problem(ObjectRef.Ingress(Shop), "spec.defaultBackend", ProblemSeverity.Warning, "Conflict", "older wins");

        var events = IngressEventPolicy.EventsFor(snapshot, [problem], [Shop]);

        Assert.That(events.Select(e => $"{e.Type} {e.Reason}"), Is.EqualTo(new[] { "Warning Conflict", "Normal Sync" }));
    }

    [Test]
    public void A_deleted_ingress_gets_no_sync_event()
    {
        var events = IngressEventPolicy.EventsFor(SnapshotBuilder.From(Ingress("blog")), [], [Shop]);

        Assert.That(events, Is.Empty);
    }

    [Test]
    public void Everything_is_changed_when_nothing_went_live_before()
    {
        var after = SnapshotBuilder.From(Ingress("shop"), Ingress("blog"));

        Assert.That(IngressEventPolicy.Changed(null, after), Is.EquivalentTo(new[] { Shop, Blog }));
    }

    [Test]
    public void A_new_or_edited_ingress_is_changed_and_an_untouched_one_is_not()
    {
        var before = SnapshotBuilder.From(Ingress("shop", version: "1"));
        var after = SnapshotBuilder.From(Ingress("shop", version: "2", host: "b.example.com"), Ingress("blog"));

        Assert.That(IngressEventPolicy.Changed(before, after), Is.EquivalentTo(new[] { Shop, Blog }));
        Assert.That(IngressEventPolicy.Changed(after, after), Is.Empty);
    }

    [Test]
    public void A_status_write_alone_is_no_change()
    {
        var before = SnapshotBuilder.From(Ingress("shop", version: "1"));
        var written = Ingress("shop", version: "2");
        written.Status = new V1IngressStatus { LoadBalancer = new V1IngressLoadBalancerStatus { Ingress = [new V1IngressLoadBalancerIngress { Ip = "10.0.0.1" }] } };

        Assert.That(IngressEventPolicy.Changed(before, SnapshotBuilder.From(written)), Is.Empty);
    }
}
