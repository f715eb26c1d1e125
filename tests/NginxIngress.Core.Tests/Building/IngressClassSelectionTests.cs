using NginxIngress.Core.Building;
using NginxIngress.Core.Settings;
using NginxIngress.TestKit.Objects;

namespace NginxIngress.Core.Tests.Building;

/// <summary>
/// Which Ingresses this controller serves, checked in ingress-nginx's order (store.go GetIngressClass):
/// spec.ingressClassName alone when set, else the legacy annotation, else --watch-ingress-without-class.
/// </summary>
public sealed class IngressClassSelectionTests
{
    private const string Host = "app.example.com";
    private const string Foreign = "example.com/other-controller";

    private static readonly ControllerOptions WithoutClassWatched = new() { WatchIngressWithoutClass = true };

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return Case("class whose controller is ingress-nginx is served", "nginx", null, ControllerOptions.Default, served: true);
        yield return Case("any class name with the ingress-nginx controller is served", "internal-nginx", null, ControllerOptions.Default, served: true);
        yield return Case("foreign class is ignored even with the legacy annotation nginx", "traefik", "nginx", ControllerOptions.Default, served: false);
        yield return Case("missing class is ignored even with the legacy annotation nginx", "does-not-exist", "nginx", ControllerOptions.Default, served: false);
        yield return Case("foreign class is ignored even when classless Ingresses are watched", "traefik", null, WithoutClassWatched, served: false);
        yield return Case("missing class is ignored even when classless Ingresses are watched", "does-not-exist", null, WithoutClassWatched, served: false);
        yield return Case("missing class is ignored even when ingress-class-by-name names it", "does-not-exist", null,
            new ControllerOptions { IngressClass = "does-not-exist", IngressClassByName = true }, served: false);
        yield return Case("legacy annotation nginx is served", null, "nginx", ControllerOptions.Default, served: true);
        yield return Case("legacy annotation of another controller is ignored", null, "traefik", ControllerOptions.Default, served: false);
        yield return Case("legacy annotation of another controller is ignored when classless Ingresses are watched", null, "traefik", WithoutClassWatched, served: false);
        yield return Case("no class at all is ignored by default", null, null, ControllerOptions.Default, served: false);
        yield return Case("no class at all is served with watch-ingress-without-class", null, null, WithoutClassWatched, served: true);
        yield return Case("class named like --ingress-class with a foreign controller is ignored", "nginx-by-name", null, new ControllerOptions { IngressClass = "nginx-by-name" }, served: false);
        yield return Case("class named like --ingress-class is served with ingress-class-by-name", "nginx-by-name", null,
            new ControllerOptions { IngressClass = "nginx-by-name", IngressClassByName = true }, served: true);
        yield return Case("ingress-class-by-name does not serve other names", "traefik", null,
            new ControllerOptions { IngressClassByName = true }, served: false);
        yield return Case("custom controller class serves its own IngressClass", "mine", null,
            new ControllerOptions { ControllerClass = "example.com/mine" }, served: true);
        yield return Case("custom controller class no longer serves the ingress-nginx class", "nginx", null,
            new ControllerOptions { ControllerClass = "example.com/mine" }, served: false);
        yield return Case("custom ingress class accepts its own legacy annotation", null, "internal",
            new ControllerOptions { IngressClass = "internal" }, served: true);
        yield return Case("custom ingress class rejects the legacy annotation nginx", null, "nginx",
            new ControllerOptions { IngressClass = "internal" }, served: false);
    }

    [TestCaseSource(nameof(Cases))]
    public void Ingress_is_served_only_when_its_class_selects_this_controller(string? className, string? legacyAnnotation, ControllerOptions options, bool served)
    {
        var ingress = new IngressBuilder("app").Class(className).Path(Host, "/");
        if (legacyAnnotation is not null)
        {
            ingress.Annotation(IngressClassFilter.LegacyAnnotation, legacyAnnotation);
        }
        var snapshot = SnapshotBuilder.From(
            IngressClasses.Create("nginx", IngressClasses.IngressNginxController),
            IngressClasses.Create("internal-nginx", IngressClasses.IngressNginxController),
            IngressClasses.Create("traefik", Foreign),
            IngressClasses.Create("nginx-by-name", Foreign),
            IngressClasses.Create("mine", "example.com/mine"),
            Workload.Create(),
            ingress);

        var result = IngressModelBuilder.Build(snapshot, options);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Model.HasServer(Host), Is.EqualTo(served));
            // An Ingress of another class belongs to another controller: ignoring it is not a problem to report.
            Assert.That(result.Problems, Is.Empty);
        }
    }

    [Test]
    public void Ignored_ingress_does_not_win_a_conflict_against_a_served_one()
    {
        // The foreign Ingress is older, so it would own /shop if the class filter ran after conflict resolution.
        var result = Cluster.Build(
            Workload.Create(),
            Workload.Create("other", address: "10.0.0.9"),
            new IngressBuilder("foreign").Class("traefik").CreatedAt(1).Path(Host, "/shop", service: "other"),
            new IngressBuilder("ours").CreatedAt(2).Path(Host, "/shop"),
            IngressClasses.Create("traefik", Foreign));

        var location = result.Model.Server(Host).Location("/shop");
        Assert.That(location.Ingress, Is.EqualTo(Cluster.Key("ours")));
        Assert.That(result.Problems, Is.Empty);
    }

    private static TestCaseData Case(string behaviour, string? className, string? legacy, ControllerOptions options, bool served) =>
        new TestCaseData(className, legacy, options, served).SetArgDisplayNames(behaviour);
}
