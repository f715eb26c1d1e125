using System.Text.RegularExpressions;
using NginxIngress.Controller;
using NginxIngress.Controller.Hosting;

namespace NginxIngress.Integration.Tests.Image;

/// <summary>
/// What the Kubernetes manifests rely on in docker/Dockerfile: base images, the two entrypoint names, the user,
/// the work folder, the ports, and that the runtime stage ships what the build stage publishes.
/// </summary>
[TestFixture]
public sealed class DockerfileContractTests
{
    private const string ControllerFolder = "/usr/lib/nginx-ingress";
    private static readonly Dockerfile Image = Dockerfile.Load();

    [Test]
    public void The_sdk_builds_and_debian_with_its_own_nginx_runs()
    {
        Assert.That(Image.Stages.Select(stage => stage.BaseImage), Is.EqualTo(new[] { "mcr.microsoft.com/dotnet/sdk:10.0", "debian:bookworm-slim" }));
    }

    [Test]
    public void The_build_stage_publishes_the_controller_once_in_release()
    {
        var publishes = BuildStage().All("RUN").Where(run => run.Arguments.StartsWith("dotnet publish ", StringComparison.Ordinal)).ToList();

        Assert.That(publishes, Has.Count.EqualTo(1));
        Assert.That(publishes[0].Words, Does.Contain("src/NginxIngress.Controller/NginxIngress.Controller.csproj"));
        Assert.That(publishes[0].Arguments, Does.Contain("-c Release"));
        Assert.That(publishes[0].Arguments, Does.Contain("--self-contained true"), "Debian's image has no .NET runtime");
    }

    [Test]
    public void The_runtime_stage_ships_the_folder_the_build_stage_publishes_to()
    {
        var publish = BuildStage().All("RUN").Single(run => run.Arguments.StartsWith("dotnet publish ", StringComparison.Ordinal)).Words;
        var output = publish[publish.ToList().IndexOf("-o") + 1];
        var copy = Image.Runtime.All("COPY").Single(instruction => instruction.Flags.TryGetValue("from", out var from) && from == BuildStage().Name).Words;

        Assert.That(copy.Select(path => path.TrimEnd('/')), Is.EqualTo(new[] { output.TrimEnd('/'), ControllerFolder }));
    }

    [Test]
    public void Tini_runs_the_controller_as_nginx_ingress_run()
    {
        Assert.That(Image.Runtime.Effective("ENTRYPOINT")?.ExecForm, Is.EqualTo(new[] { "/usr/bin/tini", "--" }));
        Assert.That(Image.Runtime.Effective("CMD")?.ExecForm, Is.EqualTo(new[] { "/nginx-ingress", "run" }));
    }

    [TestCase("/nginx-ingress")]
    [TestCase("/nginx-ingress-controller")]
    public void Each_entrypoint_name_links_to_the_published_controller(string name)
    {
        Assert.That(LinkedNames(), Does.Contain(name));
    }

    [Test]
    public void The_default_command_and_the_tutorials_args_both_start_the_controller()
    {
        // Kubernetes args replace CMD and keep ENTRYPOINT, so tini execs their first word: it must be one of the
        // linked names, and the rest is what the controller's Main receives.
        string[] tutorialArgs = ["/nginx-ingress-controller", "--configmap=ingress-nginx/nginx-configuration", "--publish-service=ingress-nginx/ingress-nginx", "--annotations-prefix=nginx.ingress.kubernetes.io"];
        foreach (var argv in new[] { Image.Runtime.Effective("CMD")!.ExecForm!.ToArray(), tutorialArgs })
        {
            Assert.That(LinkedNames(), Does.Contain(argv[0]));
            Assert.That(Program.Parse(argv[1..]).CommandResult.Command.Name, Is.EqualTo("run"), string.Join(' ', argv));
        }
    }

    [Test]
    public void It_runs_as_www_data_by_number_so_run_as_non_root_can_check_it()
    {
        var user = Image.Runtime.Effective("USER")?.Arguments.Split(':');

        Assert.That(user, Is.EqualTo(new[] { "33", "33" }).Or.EqualTo(new[] { "33" }));
    }

    [Test]
    public void The_work_folder_belongs_to_www_data()
    {
        var workFolder = new Regex(@"\binstall\s+-d\s+-o\s+33\s+-g\s+33\s+(-m\s+\d+\s+)?/var/lib/nginx-ingress(\s|$)");

        Assert.That(Image.Runtime.All("RUN").Any(run => workFolder.IsMatch(run.Arguments)), "no RUN creates /var/lib/nginx-ingress owned by 33:33");
    }

    [Test]
    public void It_installs_nginx_its_stream_and_headers_more_modules_and_tini_and_drops_the_default_site()
    {
        var runs = string.Join('\n', Image.Runtime.All("RUN").Select(run => run.Arguments));

        Assert.That(runs, Does.Match(@"apt-get install -y --no-install-recommends .*\bnginx libnginx-mod-stream libnginx-mod-http-headers-more-filter tini\b"));
        Assert.That(runs, Does.Contain("rm -f /etc/nginx/sites-enabled/default"));
        Assert.That(runs, Does.Contain("rm -rf /var/lib/apt/lists/*"));
    }

    [Test]
    public void The_controller_starts_with_as_many_malloc_arenas_as_it_caps_itself_at()
    {
        var variables = Image.Runtime.All("ENV").SelectMany(env => env.Words);

        Assert.That(variables, Does.Contain($"MALLOC_ARENA_MAX={MallocArenaLimit.Arenas}"));
    }

    [Test]
    public void It_exposes_http_https_and_healthz()
    {
        var ports = Image.Runtime.All("EXPOSE").SelectMany(expose => expose.Words).Select(port => port.Split('/')[0]);

        Assert.That(ports, Is.EquivalentTo(new[] { "80", "443", "10254" }));
    }

    private static DockerfileStage BuildStage() => Image.Stage("build");

    /// <summary>The paths the runtime stage symlinks to the published controller executable.</summary>
    private static List<string> LinkedNames()
    {
        var link = new Regex(@"\bln\s+-s\w*\s+" + Regex.Escape(ControllerFolder + "/nginx-ingress") + @"\s+(?<name>[^\s&;]+)");
        return Image.Runtime.All("RUN").SelectMany(run => link.Matches(run.Arguments)).Select(match => match.Groups["name"].Value).ToList();
    }
}
