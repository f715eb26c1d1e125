using k8s.Models;
using NginxIngress.Kubernetes;

namespace NginxIngress.Integration.Tests.Deployment;

/// <summary>
/// The ClusterRole and Role grant exactly what the code uses (<see cref="ApiPermissions"/>, which the API-mode tests
/// hold the controller's real requests against): nothing missing, nothing extra, and Secrets only read.
/// </summary>
public sealed class RbacManifestTests
{
    private IReadOnlyList<object> _objects = null!;

    [OneTimeSetUp]
    public void Render() => _objects = Kustomize.Build(".");

    [Test]
    public void The_ClusterRole_grants_exactly_the_cluster_wide_permissions_the_code_uses()
    {
        var granted = Grants(Kustomize.Single<V1ClusterRole>(_objects, "nginx-ingress-clusterrole").Rules);

        Assert.That(granted, Is.EquivalentTo(Needed(ApiPermissions.Scope.Cluster)));
    }

    [Test]
    public void The_Role_grants_exactly_what_the_code_uses_in_its_own_namespace_Leases_and_pods()
    {
        var granted = Grants(Kustomize.Single<V1Role>(_objects, "nginx-ingress-role").Rules);

        Assert.That(granted, Is.EquivalentTo(Needed(ApiPermissions.Scope.ControllerNamespace)));
    }

    [Test]
    public void Secrets_are_read_only()
    {
        var secretVerbs = _objects.OfType<V1ClusterRole>().SelectMany(role => role.Rules)
            .Concat(_objects.OfType<V1Role>().SelectMany(role => role.Rules))
            .Where(rule => rule.Resources.Contains("secrets") || rule.Resources.Contains("*"))
            .SelectMany(rule => rule.Verbs);

        Assert.That(secretVerbs, Is.SubsetOf(new[] { "get", "list", "watch" }));
    }

    [Test]
    public void Both_roles_are_bound_to_the_service_account_the_Deployment_runs_as()
    {
        var deployment = Kustomize.Single<V1Deployment>(_objects, "nginx-ingress-controller");
        var account = new Rbacv1Subject { Kind = "ServiceAccount", Name = deployment.Spec.Template.Spec.ServiceAccountName, NamespaceProperty = deployment.Namespace() };

        var clusterBinding = _objects.OfType<V1ClusterRoleBinding>().Single();
        var binding = _objects.OfType<V1RoleBinding>().Single();

        Assert.That(clusterBinding.RoleRef.Name, Is.EqualTo("nginx-ingress-clusterrole"));
        Assert.That(binding.RoleRef.Name, Is.EqualTo("nginx-ingress-role"));
        Assert.That(binding.Namespace(), Is.EqualTo(deployment.Namespace()));
        foreach (var subjects in new[] { clusterBinding.Subjects, binding.Subjects })
        {
            Assert.That(subjects.Select(s => (s.Kind, s.Name, s.NamespaceProperty)), Is.EqualTo(new[] { (account.Kind, account.Name, account.NamespaceProperty) }));
        }
    }

    private static IEnumerable<(string Group, string Resource, string Verb)> Needed(ApiPermissions.Scope scope) =>
        ApiPermissions.Rules.Where(rule => rule.Where == scope)
            .SelectMany(rule => rule.Verbs.Select(verb => (rule.ApiGroup, rule.Resource, verb)));

    /// <summary>Every (group, resource, verb) the rules grant; a rule naming resourceNames would grant less, so none may.</summary>
    private static IReadOnlyList<(string Group, string Resource, string Verb)> Grants(IEnumerable<V1PolicyRule> rules)
    {
        var list = rules.ToList();
        Assert.That(list.Where(rule => rule.ResourceNames is { Count: > 0 } || rule.NonResourceURLs is { Count: > 0 }), Is.Empty);
        var grants = list.SelectMany(rule => rule.ApiGroups.SelectMany(group => rule.Resources.SelectMany(resource => rule.Verbs.Select(verb => (group, resource, verb))))).ToList();
        Assert.That(grants, Is.Unique, "each permission granted once");
        return grants;
    }
}
