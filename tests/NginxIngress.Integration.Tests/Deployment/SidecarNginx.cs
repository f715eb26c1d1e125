using System.Diagnostics;
using System.Text;
using k8s.Models;

namespace NginxIngress.Integration.Tests.Deployment;

/// <summary>
/// The nginx container of the Deployment, run here: its own shell script from manifests/base/deployment.yaml (less
/// tini, which only reaps), with the shared folder moved to a test folder. It runs in a session of its own, so that
/// killing it takes the master and its workers, as a container's end does.
/// </summary>
internal sealed class SidecarNginx : IDisposable
{
    private const string SharedFolder = "/var/lib/nginx-ingress";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SidecarNginx(Process process)
    {
        _process = process;
    }

    /// <summary>The shell's pid, which becomes the nginx master's when it execs nginx, and the session's process group.</summary>
    public int ProcessId => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static SidecarNginx Start(string workDirectory)
    {
        var deployment = Kustomize.BaseDeployment();
        var script = ContainerScript(deployment, workDirectory, container => container.Command);
        var start = new ProcessStartInfo("setsid", ["/bin/sh", "-c", script]) { RedirectStandardError = true, RedirectStandardOutput = true };
        // The container's environment too, so nginx runs here as it does in the pod.
        foreach (var variable in NginxContainer(deployment).Env ?? [])
        {
            start.Environment[variable.Name] = variable.Value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("the sidecar nginx could not be started");
        var sidecar = new SidecarNginx(process);
        process.ErrorDataReceived += (_, line) => sidecar.Append(line.Data);
        process.OutputDataReceived += (_, line) => sidecar.Append(line.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return sidecar;
    }

    /// <summary>Runs the nginx container's preStop hook against <paramref name="workDirectory"/>; returns its exit code.</summary>
    public static async Task<int> RunPreStopAsync(string workDirectory, TimeSpan timeout)
    {
        var script = ContainerScript(Kustomize.BaseDeployment(), workDirectory, container => container.Lifecycle.PreStop.Exec.Command);
        using var hook = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", script])) ?? throw new InvalidOperationException("the preStop hook could not be started");
        using var deadline = new CancellationTokenSource(timeout);
        await hook.WaitForExitAsync(deadline.Token);
        return hook.ExitCode;
    }

    /// <summary>Ends the container at once: SIGKILL to every process of its session.</summary>
    public void Kill()
    {
        using var kill = Process.Start("kill", ["-KILL", "--", $"-{_process.Id}"]);
        kill.WaitForExit();
        _process.WaitForExit();
    }

    public bool HasExited => _process.HasExited;

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }
        _process.Dispose();
    }

    /// <summary>The script the container runs (the last element of its <c>sh -c</c> command), on the test's folder.</summary>
    private static string ContainerScript(V1Deployment deployment, string workDirectory, Func<V1Container, IList<string>> command)
    {
        var words = command(NginxContainer(deployment));
        Assert.That(words.SkipLast(1).TakeLast(2), Is.EqualTo(new[] { "/bin/sh", "-c" }), "the nginx container runs a shell script");
        return words[^1].Replace(SharedFolder, workDirectory.TrimEnd('/'), StringComparison.Ordinal);
    }

    private static V1Container NginxContainer(V1Deployment deployment) =>
        deployment.Spec.Template.Spec.Containers.Single(container => container.Name == "nginx");

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
