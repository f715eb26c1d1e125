using NginxIngress.Core.Annotations;
using NginxIngress.Core.Building;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Model;
using NginxIngress.TestKit.Objects;

namespace NginxIngress.Core.Tests.Annotations;

/// <summary>enable-cors and the cors-* annotations: ingress-nginx's defaults, its origin list rule, and the allow-lists.</summary>
public sealed class CorsAnnotationsTests
{
    private const string Host = "app.example.com";

    [Test]
    public void Cors_is_off_unless_enable_cors_is_true()
    {
        var model = Build(new IngressBuilder("app").Path(Host, "/").Nginx("cors-allow-origin", "https://a.example.com")).Model;

        Assert.That(model.Server(Host).Location("/").Cors, Is.Null);
    }

    [Test]
    public void Enable_cors_alone_gives_ingress_nginxs_defaults()
    {
        var cors = Build(new IngressBuilder("app").Path(Host, "/").Path(Host, "/api").Nginx("enable-cors", "true")).Model.Server(Host).Location("/api").Cors!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(cors.AnyOrigin, Is.True);
            Assert.That(cors.AllowMethods, Is.EqualTo("GET, PUT, POST, DELETE, PATCH, OPTIONS"));
            Assert.That(cors.AllowHeaders, Is.EqualTo("DNT,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Range,Authorization"));
            Assert.That(cors.ExposeHeaders, Is.Empty);
            Assert.That(cors.AllowCredentials, Is.True);
            Assert.That(cors.MaxAgeSeconds, Is.EqualTo(1728000));
        }
    }

    [TestCase("*", "*")]
    [TestCase("https://a.example.com", "https://a.example.com")]
    [TestCase("https://a.example.com, http://b.example.com:8080", "https://a.example.com http://b.example.com:8080")]
    [TestCase("https://*.example.com", "https://*.example.com")]
    [TestCase("myapp.local:8080", "myapp.local:8080")]
    [TestCase("https://a.example.com, *", "*")]
    [TestCase("https://a.example.com,https://A.example.com", "https://a.example.com")]
    public void Allowed_origins_are_read_as_ingress_nginx_reads_them(string value, string expected)
    {
        var cors = Build(new IngressBuilder("app").Path(Host, "/").Nginx("enable-cors", "true").Nginx("cors-allow-origin", value)).Model.Server(Host).Location("/").Cors!;

        Assert.That(cors.Origins, Is.EqualTo(expected.Split(' ')));
    }

    [TestCase("https://*.*.example.com")]
    [TestCase("https://a.example.com/path")]
    [TestCase("https://*example.com")]
    [TestCase("https://a.example.com:123456")]
    public void An_origin_of_the_wrong_shape_is_skipped_with_a_warning_and_the_others_still_apply(string bad)
    {
        var result = Build(new IngressBuilder("app").Path(Host, "/").Nginx("enable-cors", "true").Nginx("cors-allow-origin", $"https://ok.example.com, {bad}"));

        Assert.That(result.Model.Server(Host).Location("/").Cors!.Origins, Is.EqualTo(new[] { "https://ok.example.com" }));
        var warning = result.Problems.Single();
        Assert.That((warning.Severity, warning.Reason, warning.Field), Is.EqualTo((ProblemSeverity.Warning, "AnnotationIgnored",
            "metadata.annotations[nginx.ingress.kubernetes.io/cors-allow-origin]")));
        Assert.That(warning.Message, Does.Contain(bad));
    }

    [TestCase("cors-allow-methods", "GET, POST", "GET, POST")]
    [TestCase("cors-allow-methods", "GET,POST,", "GET,POST,")]
    [TestCase("cors-allow-headers", "X-Custom, Content-Type", "X-Custom, Content-Type")]
    [TestCase("cors-expose-headers", "X-Total, *", "X-Total, *")]
    [TestCase("cors-max-age", "600", "600")]
    [TestCase("cors-allow-credentials", "false", "False")]
    public void A_valid_value_replaces_the_default(string annotation, string value, string expected)
    {
        var cors = Build(new IngressBuilder("app").Path(Host, "/").Nginx("enable-cors", "true").Nginx(annotation, value)).Model.Server(Host).Location("/").Cors!;

        var actual = annotation switch
        {
            "cors-allow-methods" => cors.AllowMethods,
            "cors-allow-headers" => cors.AllowHeaders,
            "cors-expose-headers" => cors.ExposeHeaders,
            "cors-max-age" => cors.MaxAgeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => cors.AllowCredentials.ToString(),
        };
        Assert.That(actual, Is.EqualTo(expected));
    }

    [TestCase("enable-cors", "yes")]
    [TestCase("cors-allow-origin", "https://a.example.com; more_set_headers x")]
    [TestCase("cors-allow-origin", "https://a.example.com\"")]
    [TestCase("cors-allow-origin", "$http_origin")]
    [TestCase("cors-allow-methods", "GET; return 200")]
    [TestCase("cors-allow-methods", "GET\nPOST")]
    [TestCase("cors-allow-methods", "")]
    [TestCase("cors-allow-headers", "X-A: 1")]
    [TestCase("cors-allow-headers", "X-A,$http_cookie")]
    [TestCase("cors-expose-headers", "X-A}")]
    [TestCase("cors-allow-credentials", "maybe")]
    [TestCase("cors-max-age", "-1")]
    [TestCase("cors-max-age", "1d")]
    public void An_invalid_value_leaves_the_whole_Ingress_unserved(string annotation, string value)
    {
        var result = Build(new IngressBuilder("bad").Path(Host, "/").Nginx("enable-cors", "true").Nginx(annotation, value), new IngressBuilder("good").Path("good.example.com", "/"));

        var problem = result.Problems.Single();
        Assert.That((problem.Severity, problem.Reason, problem.Field), Is.EqualTo((ProblemSeverity.Error, "InvalidAnnotation", $"metadata.annotations[nginx.ingress.kubernetes.io/{annotation}]")));
        Assert.That(result.Model.HasServer(Host), Is.False);
        Assert.That(result.Model.HasServer("good.example.com"), Is.True);
    }

    private static ModelBuildResult Build(params IngressBuilder[] ingresses) =>
        Cluster.Build([Workload.Create(), .. ingresses.Select(ingress => (object)ingress)]);
}
