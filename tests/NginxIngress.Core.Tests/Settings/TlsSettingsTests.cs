using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Settings;
using NginxIngress.Core.Snapshot;

namespace NginxIngress.Core.Tests.Settings;

/// <summary>The ConfigMap's HTTPS keys: ingress-nginx's defaults, its spellings, and a bad value keeping its default.</summary>
public sealed class TlsSettingsTests
{
    private static readonly ObjectKey ConfigMap = new("ingress-nginx", "nginx-configuration");

    [Test]
    public void Without_a_configmap_the_settings_are_ingress_nginxs_defaults()
    {
        var settings = TlsSettings.From(null, ConfigMap, []);

        Assert.That(settings, Is.EqualTo(TlsSettings.Default));
        Assert.That(settings.SslRedirect, Is.True);
        Assert.That(settings.HttpRedirectCode, Is.EqualTo(308));
        Assert.That(settings.Protocols, Is.EqualTo("TLSv1.2 TLSv1.3"));
        Assert.That(settings.HstsHeader, Is.EqualTo("max-age=31536000; includeSubDomains"));
        Assert.That(settings.NoTlsRedirectLocations, Is.EqualTo(new[] { "/.well-known/acme-challenge" }));
        Assert.That(settings.SessionTickets, Is.False);
    }

    [Test]
    public void Keys_take_the_values_ingress_nginx_users_write()
    {
        var problems = new List<Problem>();

        var settings = TlsSettings.From(new Dictionary<string, string>
        {
            ["ssl-redirect"] = "false",
            ["force-ssl-redirect"] = "true",
            ["http-redirect-code"] = "301",
            ["hsts-max-age"] = "600",
            ["hsts-include-subdomains"] = "false",
            ["hsts-preload"] = "true",
            ["ssl-protocols"] = "TLSv1.3",
            ["ssl-session-tickets"] = "true",
            ["use-http2"] = "false",
            ["no-tls-redirect-locations"] = "/.well-known/acme-challenge, /healthz",
        }, ConfigMap, problems);

        Assert.That(problems, Is.Empty);
        Assert.That((settings.SslRedirect, settings.ForceSslRedirect, settings.HttpRedirectCode), Is.EqualTo((false, true, 301)));
        Assert.That(settings.HstsHeader, Is.EqualTo("max-age=600; preload"));
        Assert.That((settings.Protocols, settings.SessionTickets, settings.Http2), Is.EqualTo(("TLSv1.3", true, false)));
        Assert.That(settings.NoTlsRedirectLocations, Is.EqualTo(new[] { "/.well-known/acme-challenge", "/healthz" }));
    }

    [Test]
    public void Hsts_off_sends_no_header()
    {
        Assert.That(TlsSettings.From(new Dictionary<string, string> { ["hsts"] = "false" }, ConfigMap, []).HstsHeader, Is.Null);
    }

    [TestCase("http-redirect-code", "200")]
    [TestCase("ssl-redirect", "yes please")]
    [TestCase("hsts-max-age", "-1")]
    [TestCase("ssl-protocols", "SSLv2")]
    [TestCase("ssl-ciphers", "ALL; ssl_engine /tmp/x.so")]
    [TestCase("ssl-session-timeout", "10m; return 200")]
    [TestCase("no-tls-redirect-locations", "/ok, $evil")]
    public void A_bad_value_keeps_the_default_and_is_reported_naming_the_key(string key, string value)
    {
        var problems = new List<Problem>();

        var settings = TlsSettings.From(new Dictionary<string, string> { [key] = value }, ConfigMap, problems);

        Assert.That(settings, Is.EqualTo(TlsSettings.Default));
        var problem = problems.Single();
        Assert.That(problem.Subject, Is.EqualTo(ObjectRef.ConfigMap(ConfigMap)));
        Assert.That(problem.Field, Is.EqualTo($"data[{key}]"));
        Assert.That(problem.Severity, Is.EqualTo(ProblemSeverity.Warning));
        Assert.That(problem.Message, Does.Contain(key).And.Contain("the default is used"));
    }
}
