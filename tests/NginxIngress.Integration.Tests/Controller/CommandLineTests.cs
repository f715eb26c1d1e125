using NginxIngress.Controller;
using NginxIngress.Controller.Cli;

namespace NginxIngress.Integration.Tests.Controller;

/// <summary>The command line is a contract: existing ingress-nginx Deployment args and CI scripts rely on it.</summary>
[TestFixture]
[NonParallelizable]
public sealed class CommandLineTests
{
    private ManifestFolder _manifests = null!;
    private StringWriter _stderr = null!;
    private TextWriter _originalError = null!;

    [SetUp]
    public void CaptureStderr()
    {
        _manifests = new ManifestFolder();
        _stderr = new StringWriter();
        _originalError = Console.Error;
        Console.SetError(_stderr);
    }

    [TearDown]
    public void RestoreStderr()
    {
        Console.SetError(_originalError);
        _stderr.Dispose();
        _manifests.Dispose();
    }

    [Test]
    public void Seed_deployment_args_parse_verbatim_as_run()
    {
        // The container args of the tutorial's mandatory.yaml, unchanged.
        var parsed = Program.Parse([
            "/nginx-ingress-controller",
            "--configmap=$(POD_NAMESPACE)/nginx-configuration",
            "--tcp-services-configmap=$(POD_NAMESPACE)/tcp-services",
            "--udp-services-configmap=$(POD_NAMESPACE)/udp-services",
            "--publish-service=$(POD_NAMESPACE)/ingress-nginx",
            "--annotations-prefix=nginx.ingress.kubernetes.io",
        ]);

        Assert.That(UsageErrors.Of(parsed), Is.Empty);
        Assert.That(parsed.CommandResult.Command.Name, Is.EqualTo("run"));
        Assert.That(parsed.GetValue<string>("--annotations-prefix"), Is.EqualTo("nginx.ingress.kubernetes.io"));
    }

    [Test]
    public void Objects_the_seed_deployment_args_name_are_watched_for_changes()
    {
        // As the kubelet passes them, with $(POD_NAMESPACE) expanded; a repeated flag's last value wins, as in pflag.
        var parsed = Program.Parse([
            "/nginx-ingress-controller",
            "--configmap=ingress-nginx/old-configuration",
            "--configmap=ingress-nginx/nginx-configuration",
            "--tcp-services-configmap=ingress-nginx/tcp-services",
            "--udp-services-configmap", "ingress-nginx/udp-services",
            "--default-ssl-certificate=ingress-nginx/default-cert",
        ]);

        Assert.That(RunCommand.ObjectsNamedByFlags(parsed).Select(key => key.ToString()), Is.EquivalentTo(new[]
        {
            "ingress-nginx/nginx-configuration", "ingress-nginx/tcp-services", "ingress-nginx/udp-services", "ingress-nginx/default-cert",
        }));
    }

    [TestCase("--election-ttl=45s", 45)]
    [TestCase("--election-ttl=1m30s", 90)]
    [TestCase("--election-ttl=1500ms", 1.5)]
    public void Election_ttl_takes_a_go_duration(string flag, double seconds)
    {
        var parsed = Program.Parse(["run", flag]);

        Assert.That(UsageErrors.Of(parsed), Is.Empty);
        Assert.That(parsed.GetValue<TimeSpan>("--election-ttl"), Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }

    [Test]
    public void Election_ttl_that_is_not_a_duration_is_a_usage_error()
    {
        Assert.That(UsageErrors.Of(Program.Parse(["run", "--election-ttl=30"])), Has.Some.Contains("--election-ttl takes a Go duration"));
    }

    [TestCase(new string[0], 4, 30)]
    [TestCase(new[] { "--max-worker-generations=2", "--max-worker-generations-wait=1m" }, 2, 60)]
    [TestCase(new[] { "--max-worker-generations", "0" }, 0, 30)]
    public void Max_worker_generations_and_its_wait_reach_the_reload_bound(string[] flags, int bound, double waitSeconds)
    {
        var parsed = Program.Parse(["run", .. flags]);

        Assert.That(UsageErrors.Of(parsed), Is.Empty);
        Assert.That(parsed.GetValue<int>("--max-worker-generations"), Is.EqualTo(bound));
        Assert.That(parsed.GetValue<TimeSpan>("--max-worker-generations-wait"), Is.EqualTo(TimeSpan.FromSeconds(waitSeconds)));
    }

    [TestCase("--max-worker-generations=1", "--max-worker-generations takes 0 (no bound) or a number of at least 2")]
    [TestCase("--max-worker-generations=many", "--max-worker-generations takes 0")]
    [TestCase("--max-worker-generations-wait=30", "--max-worker-generations-wait takes a Go duration")]
    public void A_generation_bound_that_would_hold_every_reload_or_is_not_a_number_is_a_usage_error(string flag, string error)
    {
        Assert.That(UsageErrors.Of(Program.Parse(["run", flag])), Has.Some.Contains(error));
    }

    [Test]
    public void Publish_service_that_is_not_namespace_slash_name_is_a_usage_error()
    {
        // Accepted, it would count as no publish flag and silently publish node addresses instead; ingress-nginx exits.
        Assert.That(UsageErrors.Of(Program.Parse(["run", "--publish-service=ingress-nginx"])), Has.Some.Contains("--publish-service takes namespace/name"));
        Assert.That(UsageErrors.Of(Program.Parse(["run", "--publish-service=ingress-nginx/controller"])), Is.Empty);
    }

    [TestCase(new[] { "--report-node-internal-ip-address" }, true)]
    [TestCase(new[] { "--report-node-internal-ip-address=false" }, false)]
    [TestCase(new string[0], false)]
    public void Report_node_internal_ip_address_is_a_run_flag_acted_on_not_only_accepted(string[] flag, bool expected)
    {
        var parsed = Program.Parse(["run", .. flag]);

        Assert.That(UsageErrors.Of(parsed), Is.Empty);
        Assert.That(parsed.GetValue<bool>("--report-node-internal-ip-address"), Is.EqualTo(expected));
        var option = parsed.CommandResult.Command.Options.Single(option => option.Name == "--report-node-internal-ip-address");
        Assert.That(option.Hidden, Is.False, "hidden options are the ones accepted with a warning and ignored");
        Assert.That(option.Description, Does.StartWith("Set the load-balancer status of Ingress objects to internal Node addresses"));
    }

    [TestCase("--ingress-class=internal")]
    [TestCase("--ingress-class", "internal")]
    public void Flags_take_their_value_after_an_equals_sign_or_a_space(params string[] flag)
    {
        var parsed = Program.Parse(["render", "--manifests", _manifests.Path, .. flag]);

        Assert.That(parsed.Errors, Is.Empty);
        Assert.That(parsed.GetValue<string>("--ingress-class"), Is.EqualTo("internal"));
    }

    [TestCase(new[] { "--watch-ingress-without-class" }, true)]
    [TestCase(new[] { "--watch-ingress-without-class=true" }, true)]
    [TestCase(new[] { "--watch-ingress-without-class=false" }, false)]
    [TestCase(new[] { "--watch-ingress-without-class", "false" }, false)]
    [TestCase(new string[0], false)]
    public void Boolean_flags_take_go_style_values(string[] flag, bool expected)
    {
        var parsed = Program.Parse(["render", "--manifests", _manifests.Path, .. flag]);

        Assert.That(parsed.Errors, Is.Empty);
        Assert.That(parsed.GetValue<bool>("--watch-ingress-without-class"), Is.EqualTo(expected));
    }

    [TestCase("--default-backend-service=ingress-nginx/default-http-backend")]
    [TestCase("--default-backend-service", "ingress-nginx/default-http-backend")]
    [TestCase("--enable-metrics")]
    [TestCase("--enable-metrics", "false")]
    [TestCase("--v=2")]
    [TestCase("-v", "2")]
    [TestCase("--time-buckets", "0.5", "--time-buckets=1")]
    public async Task Render_accepts_ingress_nginx_flags_it_does_not_act_on_with_a_warning(params string[] flag)
    {
        var output = Path.Combine(_manifests.Path, "out.conf");

        var exit = await Program.Main(["render", "--manifests", _manifests.Path, "--output", output, .. flag]);

        Assert.That(exit, Is.EqualTo(0), _stderr.ToString());
        Assert.That(Warnings(), Is.EqualTo(new[] { $"warning: {flag[0].Split('=')[0]} is an ingress-nginx flag this version accepts but does not act on yet" }),
            "one warning, naming the flag; its value is not mistaken for another flag");
    }

    [TestCase("--maxmind-license-key=0123456789")]
    [TestCase("--default-backend-service", "ingress-nginx/default-http-backend")]
    [TestCase("--enable-ssl-passthrough=false")]
    [TestCase("--sync-rate-limit", "0.3")]
    [TestCase("--logtostderr")]
    [TestCase("--enable-dynamic-configuration=true")]
    [TestCase("--sort-backends")]
    public async Task Run_accepts_ingress_nginx_flags_it_does_not_act_on_with_a_warning(params string[] flag)
    {
        // A missing folder stops run before nginx starts: exit 3, not the usage error 2, shows the flag parsed.
        var exit = await Program.Main(["run", "--manifests", Path.Combine(_manifests.Path, "missing"), .. flag]);

        Assert.That(exit, Is.EqualTo(3), _stderr.ToString());
        Assert.That(Warnings(), Is.EqualTo(new[] { $"warning: {flag[0].Split('=')[0]} is an ingress-nginx flag this version accepts but does not act on yet" }),
            "one warning, naming the flag; its value is not mistaken for another flag");
    }

    [TestCase("render", "--ingres-class", "internal", ExpectedResult = "error: unknown flag --ingres-class; did you mean --ingress-class?")]
    [TestCase("render", "--ingres-class=internal", ExpectedResult = "error: unknown flag --ingres-class; did you mean --ingress-class?")]
    [TestCase("render", "--ingress-calss", "internal", ExpectedResult = "error: unknown flag --ingress-calss; did you mean --ingress-class?")]
    [TestCase("render", "-ingress-class", "internal", ExpectedResult = "error: unknown flag -ingress-class; did you mean --ingress-class?")]
    [TestCase("render", "--outptu", "out.conf", ExpectedResult = "error: unknown flag --outptu; did you mean --output?")]
    [TestCase("run", "--http_port", "8080", ExpectedResult = "error: unknown flag --http_port; did you mean --http-port?")]
    [TestCase("run", "--configmapp=ingress-nginx/nginx-configuration", ExpectedResult = "error: unknown flag --configmapp; did you mean --configmap?")]
    [TestCase("run", "--log-dir", "/var/log", ExpectedResult = "error: unknown flag --log-dir; did you mean --log_dir?")]
    public async Task<string> Unknown_flags_are_usage_errors_that_name_the_closest_known_flag(string command, params string[] flag)
    {
        // The folder is missing so that, were the flag accepted, run would stop at the folder check instead of serving.
        var exit = await Program.Main([command, "--manifests", Path.Combine(_manifests.Path, "missing"), .. flag]);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(_stderr.ToString(), Does.Not.Contain("unexpected argument"), "the unknown flag's value is covered by the flag's error");
        return _stderr.ToString().Split('\n')[0];
    }

    [TestCase("render", "--no-such-flag", "x")]
    [TestCase("run", "--publish-svc=ingress-nginx/ingress-nginx")]
    public async Task Unknown_flags_far_from_every_known_flag_get_no_suggestion(string command, params string[] flag)
    {
        var exit = await Program.Main([command, "--manifests", Path.Combine(_manifests.Path, "missing"), .. flag]);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(_stderr.ToString(), Does.StartWith($"error: unknown flag {flag[0].Split('=')[0]}\n"));
    }

    [TestCase("--https-port", "8443")]
    [TestCase("--https-port=8443")]
    public async Task Https_port_is_where_every_server_listens_for_https(params string[] flag)
    {
        _manifests.WriteIngress("web", "web.example.com", "/", "web");
        var output = Path.Combine(_manifests.Path, "out.conf");

        var exit = await Program.Main(["render", "--manifests", _manifests.Path, "--output", output, .. flag]);

        Assert.That(exit, Is.EqualTo(0), _stderr.ToString());
        Assert.That(await File.ReadAllTextAsync(output), Does.Contain("listen 8443 ssl http2 default_server;").And.Contain("listen 8443 ssl http2;"));
        Assert.That(_stderr.ToString(), Does.Not.Contain("https").IgnoreCase, "no warning: the flag is acted on");
    }

    [TestCase(new[] { "--tcp-services-configmap=ingress-nginx/tcp-services" }, "listen \"5432\";", "")]
    [TestCase(new[] { "--udp-services-configmap", "ingress-nginx/tcp-services" }, "", "no UDP port 5432")]
    public async Task Render_serves_the_services_of_the_configmap_the_stream_flags_name(string[] flag, string listen, string problem)
    {
        _manifests.Write("tcp.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: tcp-services, namespace: ingress-nginx}
            data: {"5432": "db/postgres:5432"}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: postgres, namespace: db}
            spec:
              ports: [{name: pg, port: 5432}]
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata:
              name: postgres-1
              namespace: db
              labels: {kubernetes.io/service-name: postgres}
            addressType: IPv4
            ports: [{name: pg, port: 5432}]
            endpoints: [{addresses: ["10.0.0.5"]}]
            """);
        var output = Path.Combine(_manifests.Path, "out.conf");

        var exit = await Program.Main(["render", "--manifests", _manifests.Path, "--output", output, .. flag]);

        Assert.That(exit, Is.EqualTo(0), _stderr.ToString());
        if (problem.Length == 0)
        {
            Assert.That(await File.ReadAllTextAsync(output), Does.Contain(listen), "acted on, not only accepted");
            Assert.That(_stderr.ToString(), Is.Empty);
        }
        else
        {
            // The same ConfigMap read as UDP services: the Service has no UDP port, so nothing listens, with a warning.
            Assert.That(await File.ReadAllTextAsync(output), Does.Not.Contain("stream {"));
            Assert.That(_stderr.ToString(), Does.Contain(problem));
        }
    }

    [TestCase("--configmap=nginx-configuration")]
    [TestCase("--default-ssl-certificate", "a/b/c")]
    public async Task Flags_naming_objects_take_namespace_slash_name(params string[] flag)
    {
        var exit = await Program.Main(["render", "--manifests", _manifests.Path, .. flag]);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(_stderr.ToString(), Does.Contain($"{flag[0].Split('=')[0]} takes namespace/name"));
    }

    [Test]
    public async Task Render_exits_0_when_every_object_is_rendered()
    {
        _manifests.WriteIngress("web", "web.example.com", "/", "web");
        var output = Path.Combine(_manifests.Path, "out.conf");

        var exit = await Program.Main(["render", "--manifests", _manifests.Path, "--output", output]);

        Assert.That(exit, Is.EqualTo(0), _stderr.ToString());
        Assert.That(await File.ReadAllTextAsync(output), Does.Contain("server_name \"web.example.com\";"));
    }

    [Test]
    public async Task Render_exits_1_and_names_file_object_and_field_when_something_is_skipped()
    {
        _manifests.WriteIngress("web", "web.example.com", "/", "web");
        _manifests.WriteIngress("bad", "Bad_Host.example.com", "/", "web");
        var output = Path.Combine(_manifests.Path, "out.conf");

        var exit = await Program.Main(["render", "--manifests", _manifests.Path, "--output", output]);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(_stderr.ToString(), Does.Contain("error: bad-ingress.yaml:2: Ingress default/bad spec.rules[0].host:"), "the file, the line after its leading ---, the object and the field");
        Assert.That(await File.ReadAllTextAsync(output), Does.Contain("server_name \"web.example.com\";"), "the good Ingress is still rendered");
    }

    [Test]
    public async Task Render_reports_malformed_yaml_with_file_and_line_and_uses_the_rest()
    {
        _manifests.WriteIngress("web", "web.example.com", "/", "web");
        _manifests.Write("broken.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: [unclosed\n");
        var output = Path.Combine(_manifests.Path, "out.conf");

        var exit = await Program.Main(["render", "--manifests", _manifests.Path, "--output", output]);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(_stderr.ToString(), Does.Match(@"error: broken\.yaml:[45]: is not valid YAML"));
        Assert.That(await File.ReadAllTextAsync(output), Does.Contain("server_name \"web.example.com\";"));
    }

    [Test]
    public async Task Render_exits_3_when_the_manifest_folder_does_not_exist()
    {
        var exit = await Program.Main(["render", "--manifests", Path.Combine(_manifests.Path, "missing")]);

        Assert.That(exit, Is.EqualTo(3));
        Assert.That(_stderr.ToString(), Does.Contain("no such folder"));
    }

    [TestCase("--manifests", "{manifests}", "--output")]
    [TestCase("--output", "--manifests", "{manifests}")]
    [TestCase("--manifests", "{manifests}", "-o")]
    public async Task Render_output_without_a_file_is_a_usage_error_naming_the_option(params string[] args)
    {
        var exit = await Program.Main(["render", .. args.Select(arg => arg.Replace("{manifests}", _manifests.Path))]);

        Assert.That(exit, Is.EqualTo(2), _stderr.ToString());
        Assert.That(_stderr.ToString(), Does.StartWith("error: ").And.Contain(args.First(arg => arg is "--output" or "-o")));
    }

    [TestCase("render")]
    [TestCase("render", "--manifests")]
    [TestCase("render", "--no-such-flag", "x")]
    [TestCase("run", "--manifests", "missing", "stray-argument")]
    [TestCase("no-such-command")]
    public async Task Usage_errors_exit_2(params string[] args)
    {
        var exit = await Program.Main(args);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(_stderr.ToString(), Does.StartWith("error: "));
    }

    private string[] Warnings() => [.. _stderr.ToString().Split('\n').Where(line => line.StartsWith("warning: ", StringComparison.Ordinal))];
}
