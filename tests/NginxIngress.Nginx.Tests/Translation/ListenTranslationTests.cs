using System.Net;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Model;
using NginxIngress.Core.Settings;
using NginxIngress.Core.Snapshot;
using NginxIngress.Nginx.Translation;

namespace NginxIngress.Nginx.Tests.Translation;

/// <summary>
/// Which addresses every server listens on, as ingress-nginx's buildHTTPListener decides: bind-address's IPv4
/// addresses (or every address), then, when IPv6 is on, its IPv6 ones (or [::]); the controller's own address
/// when the ConfigMap names none; and the ConfigMap's hash sizes never below what the host names need.
/// </summary>
public sealed class ListenTranslationTests
{
    private static readonly ObjectKey ConfigMap = new("ingress-nginx", "nginx-configuration");

    [TestCase(null, null, true, "80 [::]:80")]
    [TestCase(null, null, false, "80")]
    [TestCase("true", null, true, "80")]
    [TestCase(null, "10.0.0.1", true, "10.0.0.1:80 [::]:80")]
    [TestCase(null, "10.0.0.1, 10.0.0.2, fd00::1", true, "10.0.0.1:80 10.0.0.2:80 [fd00::1]:80")]
    [TestCase(null, "fd00::1", true, "80 [fd00::1]:80")]
    [TestCase("true", "10.0.0.1, fd00::1", true, "10.0.0.1:80")]
    [TestCase(null, "fd00::1", false, "80")]
    public void Servers_listen_where_bind_address_and_ipv6_say(string? disableIpv6, string? bindAddress, bool hostHasIpv6, string expected)
    {
        var data = new Dictionary<string, string>();
        if (disableIpv6 is not null)
        {
            data["disable-ipv6"] = disableIpv6;
        }
        if (bindAddress is not null)
        {
            data["bind-address"] = bindAddress;
        }

        var listen = Translate(data, NginxSettings.Default with { Ipv6 = hostHasIpv6 }).Listen;

        Assert.That(string.Join(' ', listen.Http), Is.EqualTo(expected));
        Assert.That(string.Join(' ', listen.Https), Is.EqualTo(expected.Replace(":80", ":443", StringComparison.Ordinal).Replace("80", "443", StringComparison.Ordinal)));
    }

    [Test]
    public void Without_bind_address_the_controllers_own_address_is_the_list_and_the_key_replaces_it()
    {
        var harness = NginxSettings.Default with { BindAddress = IPAddress.Parse("127.0.0.9"), Ipv6 = false };

        Assert.That(string.Join(' ', Translate([], harness).Listen.Http), Is.EqualTo("127.0.0.9:80"));
        Assert.That(string.Join(' ', Translate(new() { ["bind-address"] = "127.0.0.1" }, harness).Listen.Http), Is.EqualTo("127.0.0.1:80"));
    }

    [Test]
    public void The_configmap_may_raise_the_server_name_hash_sizes_but_not_lower_them()
    {
        var raised = Translate(new() { ["server-name-hash-max-size"] = "8192", ["server-name-hash-bucket-size"] = "512" }, NginxSettings.Default);
        var lowered = Translate(new() { ["server-name-hash-max-size"] = "1", ["server-name-hash-bucket-size"] = "32" }, NginxSettings.Default);

        Assert.That((raised.ServerNamesHashMaxSize, raised.ServerNamesHashBucketSize), Is.EqualTo((8192, 512)));
        Assert.That((lowered.ServerNamesHashMaxSize, lowered.ServerNamesHashBucketSize), Is.EqualTo((1, 128)),
            "what the names need: a hash of twice as many slots as literal names (here none), and buckets of at least 128");
    }

    [Test]
    public void Controller_defaults_hold_unless_the_configmap_sets_the_key()
    {
        var settings = NginxSettings.Default with { WorkerProcesses = "1", WorkerConnections = 1024, AccessLog = "/tmp/a.log", ErrorLog = "stderr" };

        var unset = Translate([], settings);
        var set = Translate(new()
        {
            ["worker-processes"] = "3", ["max-worker-connections"] = "2048", ["access-log-path"] = "/var/log/a.log",
            ["error-log-path"] = "/var/log/e.log", ["error-log-level"] = "error", ["upstream-keepalive-connections"] = "0",
        }, settings);

        Assert.That((unset.WorkerProcesses, unset.WorkerConnections, unset.Log.AccessLog, unset.ErrorLog, unset.ErrorLogLevel, unset.UpstreamKeepalive?.Connections),
            Is.EqualTo(("1", 1024, "/tmp/a.log", "stderr", "notice", 32)));
        Assert.That((set.WorkerProcesses, set.WorkerConnections, set.Log.AccessLog, set.ErrorLog, set.ErrorLogLevel, set.UpstreamKeepalive),
            Is.EqualTo(("3", 2048, "/var/log/a.log", "/var/log/e.log", "error", (Config.UpstreamKeepaliveConfig?)null)));
    }

    private static Config.HttpConfig Translate(Dictionary<string, string> data, NginxSettings settings)
    {
        var problems = new List<Problem>();
        var http = HttpSettings.From(data, ConfigMap, problems);
        Assert.That(problems, Is.Empty);
        return NginxConfigTranslator.Translate(IngressModel.Empty with { Http = http }, settings).Http;
    }
}
