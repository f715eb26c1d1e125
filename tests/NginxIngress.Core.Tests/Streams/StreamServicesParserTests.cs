using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Model;
using NginxIngress.Core.Settings;
using NginxIngress.Core.Snapshot;
using NginxIngress.Core.Streams;

namespace NginxIngress.Core.Tests.Streams;

/// <summary>
/// The tcp-services and udp-services ConfigMaps' entries, in ingress-nginx's format: what is served, and for each bad
/// entry, the one problem that names its key and fault while the rest are still served.
/// </summary>
public sealed class StreamServicesParserTests
{
    private static readonly ObjectKey ConfigMap = new("ingress-nginx", "tcp-services");

    private static (IReadOnlyList<StreamServiceEntry> Entries, List<Problem> Problems) Parse(StreamProtocol protocol, params (string Key, string Value)[] data)
    {
        var problems = new List<Problem>();
        var entries = StreamServicesParser.Parse(ConfigMap, data.ToDictionary(entry => entry.Key, entry => entry.Value), protocol,
            ControllerOptions.Default.ReservedPorts, problems);
        return (entries, problems);
    }

    [TestCase("9000", "db/postgres:5432", 9000, "db", "postgres", "5432", false, false)]
    [TestCase("9000", "db/postgres:pg", 9000, "db", "postgres", "pg", false, false)]
    [TestCase("1", "a/b:1", 1, "a", "b", "1", false, false)]
    [TestCase("65535", "a/b:65535", 65535, "a", "b", "65535", false, false)]
    [TestCase("9000", "db/postgres:5432:PROXY", 9000, "db", "postgres", "5432", true, false)]
    [TestCase("9000", "db/postgres:5432:PROXY:PROXY", 9000, "db", "postgres", "5432", true, true)]
    [TestCase("9000", "db/postgres:5432::PROXY", 9000, "db", "postgres", "5432", false, true)]
    [TestCase("9000", "db/postgres:5432:proxy:", 9000, "db", "postgres", "5432", true, false)]
    [TestCase("9000", "db/postgres:5432:", 9000, "db", "postgres", "5432", false, false)]
    [TestCase("9000", " db/postgres:5432 ", 9000, "db", "postgres", "5432", false, false)]
    public void A_tcp_entry_is_served_as_written(string key, string value, int port, string ns, string name, string servicePort, bool decode, bool encode)
    {
        var (entries, problems) = Parse(StreamProtocol.Tcp, (key, value));

        Assert.That(problems, Is.Empty);
        Assert.That(entries, Is.EqualTo(new[] { new StreamServiceEntry(StreamProtocol.Tcp, port, new ObjectKey(ns, name), servicePort, decode, encode) }));
    }

    [TestCase("web", "key \"web\" is not valid: it must be a port number from 1 to 65535")]
    [TestCase("0", "key \"0\" is not valid: it must be a port number from 1 to 65535")]
    [TestCase("65536", "key \"65536\" is not valid: it must be a port number from 1 to 65535")]
    [TestCase("09000", "key \"09000\" is not valid: it must be a port number from 1 to 65535")]
    [TestCase("+9000", "key \"+9000\" is not valid: it must be a port number from 1 to 65535")]
    [TestCase(" 9000", "key \" 9000\" is not valid: it must be a port number from 1 to 65535")]
    [TestCase("80", "port 80 is the HTTP port (--http-port), which the controller uses itself")]
    [TestCase("443", "port 443 is the HTTPS port (--https-port), which the controller uses itself")]
    [TestCase("10246", "port 10246 is nginx's status port (--status-port), which the controller uses itself")]
    [TestCase("10254", "port 10254 is the health check port (--healthz-port), which the controller uses itself")]
    public void A_bad_port_key_is_one_error_naming_the_key(string key, string fault)
    {
        var (entries, problems) = Parse(StreamProtocol.Tcp, (key, "db/postgres:5432"), ("9000", "db/postgres:5432"));

        Assert.That(entries.Select(entry => entry.Port), Is.EqualTo(new[] { 9000 }), "the good entry is still served");
        Assert.That(problems.Select(problem => problem.ToString()), Is.EqualTo(new[]
        {
            $"error: ConfigMap ingress-nginx/tcp-services data[{key}]: {fault}; this TCP service is not served",
        }));
    }

    [TestCase("db/postgres")]
    [TestCase("postgres:5432")]
    [TestCase("db/postgres:")]
    [TestCase("/postgres:5432")]
    [TestCase("db/:5432")]
    [TestCase("db/Postgres:5432")]
    [TestCase("db/postgres.example.com:5432")]
    [TestCase("db/postgres:5432:SENDPROXY")]
    [TestCase("db/postgres:5432:PROXY:PROXY:PROXY")]
    [TestCase("db/postgres:5432:PROXY:yes")]
    [TestCase("db/postgres:my_port")]
    [TestCase("a/b/c:5432")]
    [TestCase("db/postgres:5432\"; include /etc/passwd; #")]
    [TestCase("db/postgres:5432;")]
    [TestCase("db/postgres:5432\nlisten 22")]
    [TestCase("")]
    public void A_value_off_the_grammar_is_one_error_naming_the_key(string value)
    {
        var (entries, problems) = Parse(StreamProtocol.Tcp, ("9000", value), ("9001", "db/postgres:5432"));

        Assert.That(entries.Select(entry => entry.Port), Is.EqualTo(new[] { 9001 }));
        Assert.That(problems.Select(problem => problem.ToString()), Is.EqualTo(new[]
        {
            $"error: ConfigMap ingress-nginx/tcp-services data[9000]: \"{value.Replace('\n', '?')}\" is not valid: it must be namespace/service:port[:PROXY][:PROXY], where port is a Service port number or name; this TCP service is not served",
        }));
    }

    [TestCase("db/postgres:0")]
    [TestCase("db/postgres:65536")]
    [TestCase("db/postgres:123456")]
    public void A_service_port_number_out_of_range_is_an_error(string value)
    {
        var (entries, problems) = Parse(StreamProtocol.Tcp, ("9000", value));

        Assert.That(entries, Is.Empty);
        Assert.That(problems.Single().ToString(), Is.EqualTo(
            $"error: ConfigMap ingress-nginx/tcp-services data[9000]: \"{value}\" is not valid: the Service port must be a number from 1 to 65535 or a port name; this TCP service is not served"));
    }

    [Test]
    public void Proxy_on_a_udp_entry_is_ignored_with_a_warning_and_the_entry_served()
    {
        var (entries, problems) = Parse(StreamProtocol.Udp, ("53", "kube-system/dns:53:PROXY:PROXY"));

        Assert.That(entries, Is.EqualTo(new[] { new StreamServiceEntry(StreamProtocol.Udp, 53, new ObjectKey("kube-system", "dns"), "53", false, false) }));
        Assert.That(problems.Select(problem => problem.ToString()), Is.EqualTo(new[]
        {
            "warning: ConfigMap ingress-nginx/tcp-services data[53]: the PROXY protocol works over TCP only; it is ignored for this UDP service",
        }));
    }

    [Test]
    public void A_reserved_port_is_reserved_for_udp_too_as_in_ingress_nginx()
    {
        var (entries, problems) = Parse(StreamProtocol.Udp, ("443", "kube-system/dns:53"));

        Assert.That(entries, Is.Empty);
        Assert.That(problems.Single().Message, Is.EqualTo("port 443 is the HTTPS port (--https-port), which the controller uses itself; this UDP service is not served"));
    }

    [Test]
    public void Reserved_ports_follow_the_flags()
    {
        var problems = new List<Problem>();
        var reserved = ControllerOptions.ReservedPortsOf(8080, 8443, 18080, 18081);

        var entries = StreamServicesParser.Parse(ConfigMap, new Dictionary<string, string> { ["80"] = "a/b:80", ["8443"] = "a/b:80" },
            StreamProtocol.Tcp, reserved, problems);

        Assert.That(entries.Select(entry => entry.Port), Is.EqualTo(new[] { 80 }));
        Assert.That(problems.Single().Field, Is.EqualTo("data[8443]"));
    }

    [Test]
    public void No_data_is_no_services()
    {
        var problems = new List<Problem>();

        Assert.That(StreamServicesParser.Parse(ConfigMap, null, StreamProtocol.Tcp, ControllerOptions.Default.ReservedPorts, problems), Is.Empty);
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void Entries_come_back_by_port_whatever_the_key_order()
    {
        var (entries, _) = Parse(StreamProtocol.Tcp, ("9000", "a/b:1"), ("10000", "a/b:1"), ("200", "a/b:1"));

        Assert.That(entries.Select(entry => entry.Port), Is.EqualTo(new[] { 200, 9000, 10000 }));
    }
}
