using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NginxIngress.TestKit;
using NginxIngress.TestKit.Nginx;

namespace NginxIngress.Integration.Tests.Controller;

/// <summary>
/// <c>make demo</c>'s script, run for real: the seed tutorial's curl reaches all three backends in turn,
/// each sees "/", and stopping the script stops everything it started.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class DemoScriptTests
{
    /// <summary>The backends of manifests/examples/quickstart/no-cluster/endpointslice.yaml: fixed, so every demo on this machine needs them.</summary>
    private static readonly IPEndPoint[] Backends = [new(IPAddress.Parse("127.0.0.2"), 5000), new(IPAddress.Parse("127.0.0.3"), 5000), new(IPAddress.Parse("127.0.0.4"), 5000)];

    private static readonly string BackendsLock = Path.Combine(Path.GetTempPath(), "nginx-ingress-test-ports", "demo-backends");

    [Test]
    public async Task Demo_serves_the_tutorial_round_robin_and_stops_everything_it_started()
    {
        await using var backends = await ReserveBackendsAsync(TimeSpan.FromMinutes(3));
        var demoDirectory = Directory.CreateTempSubdirectory("nginx-ingress-demo-").FullName;
        var controller = typeof(NginxIngress.Controller.Program).Assembly.Location;
        // Not the tutorial's 30000: a demo someone runs on this machine, or another test run, may hold it.
        var httpPort = FreePort.On(IPAddress.Loopback).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var start = new ProcessStartInfo("bash", [Path.Combine(RepoPaths.Root, "scripts", "demo.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["NGINX_INGRESS"] = $"dotnet {controller}",
                ["DEMO_DIR"] = demoDirectory,
                ["HTTP_PORT"] = httpPort,
                ["HTTPS_PORT"] = FreePort.On(IPAddress.Loopback).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["HEALTHZ_PORT"] = FreePort.On(IPAddress.Loopback).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["STATUS_PORT"] = FreePort.On(IPAddress.Loopback).ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        };
        using var demo = Process.Start(start)!;
        var stderr = demo.StandardError.ReadToEndAsync();
        try
        {
            await ReadUntilAsync(demo.StandardOutput, "Press Ctrl-C to stop.", TimeSpan.FromSeconds(60));
            // The demo then runs the tutorial's curl three times itself; wait for those so they do not interleave with ours.
            var demoAnswers = new List<string>();
            while (demoAnswers.Count < 3 && await demo.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.Contains("(path ", StringComparison.Ordinal))
                {
                    demoAnswers.Add(line);
                }
            }
            Assert.That(demoAnswers.Distinct().Count(), Is.EqualTo(3), () => $"the demo's own curl reaches three backends{Environment.NewLine}{DescribeEnded(demo, stderr, demoDirectory)}");

            using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero });
            var answers = new List<string>();
            for (var i = 0; i < 6; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{httpPort}/echo-hostname");
                request.Headers.Host = $"alicek106.example.com:{httpPort}";
                using var response = await http.SendAsync(request);
                answers.Add((await response.Content.ReadAsStringAsync()).Trim());
            }

            Assert.That(answers, Has.All.EndsWith("(path /)"), "the rewrite-target sends every request to /");
            Assert.That(answers.Select(a => a.Split(' ')[0]).Distinct().Count(), Is.EqualTo(3), string.Join("\n", answers));
            Assert.That(answers[3..], Is.EqualTo(answers[..3]), "the backends answer in turn");
        }
        finally
        {
            Process.Start("kill", ["-TERM", demo.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
            await demo.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.That(ProcessesMentioning(demoDirectory), Is.Empty, await stderr);
        Directory.Delete(demoDirectory, recursive: true);
    }

    /// <summary>
    /// Waits until no other demo holds the backends' addresses: another run of this test (other test processes
    /// take the same lock) or a demo someone started by hand (the addresses do not bind).
    /// </summary>
    private static async Task<FileStream> ReserveBackendsAsync(TimeSpan timeout)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(BackendsLock)!);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            FileStream? reservation = null;
            try
            {
                reservation = new FileStream(BackendsLock, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                if (Backends.All(Binds))
                {
                    return reservation;
                }
            }
            catch (IOException)
            {
                // Another test process holds the lock.
            }
            await (reservation?.DisposeAsync() ?? ValueTask.CompletedTask);
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Within {timeout.TotalMinutes} min, the demo's backend addresses ({string.Join(", ", Backends.Select(b => b.ToString()))}) did not become free: is a demo running?");
            }
            await Task.Delay(200);
        }
    }

    private static bool Binds(IPEndPoint endpoint)
    {
        try
        {
            using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(endpoint);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>What the demo printed, if it has ended: why it did.</summary>
    private static string DescribeEnded(Process demo, Task<string> stderr, string demoDirectory)
    {
        if (!demo.HasExited)
        {
            return "(the demo is still running)";
        }
        var controllerLog = Path.Combine(demoDirectory, "controller.log");
        return $"The demo exited with code {demo.ExitCode}. Its stderr:{Environment.NewLine}{(stderr.IsCompleted ? stderr.Result : "(not read yet)")}"
            + $"{Environment.NewLine}controller.log:{Environment.NewLine}{(File.Exists(controllerLog) ? File.ReadAllText(controllerLog) : "(none)")}";
    }

    private static async Task ReadUntilAsync(StreamReader output, string marker, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        while (await output.ReadLineAsync(cancellation.Token) is { } line)
        {
            if (line.Contains(marker, StringComparison.Ordinal))
            {
                return;
            }
        }
        Assert.Fail($"The demo ended before it printed \"{marker}\".");
    }

    private static List<string> ProcessesMentioning(string text) =>
        Directory.EnumerateDirectories("/proc")
            .Where(directory => int.TryParse(Path.GetFileName(directory), out _))
            .Select(directory =>
            {
                try
                {
                    return File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                }
                catch (IOException)
                {
                    return "";
                }
            })
            .Where(commandLine => commandLine.Contains(text, StringComparison.Ordinal))
            .ToList();
}
