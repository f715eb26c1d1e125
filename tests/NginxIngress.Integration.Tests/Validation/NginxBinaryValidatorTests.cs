using NginxIngress.Core.Settings;
using NginxIngress.Core.Snapshot;
using NginxIngress.Nginx.Pipeline;
using NginxIngress.Nginx.Translation;
using NginxIngress.Nginx.Validation;

namespace NginxIngress.Integration.Tests.Validation;

/// <summary><c>nginx -t</c> runs with a deadline: one that hangs (a resolver that never answers) must not hold the controller forever.</summary>
[TestFixture]
public sealed class NginxBinaryValidatorTests
{
    /// <summary>An odd duration, so the stand-in's process can be told from any other sleep on the machine.</summary>
    private const string HangSeconds = "987.654";

    [Test]
    public async Task Nginx_t_that_does_not_finish_in_time_is_stopped_and_reported_as_timed_out()
    {
        var folder = Directory.CreateTempSubdirectory("nginx-ingress-hang-").FullName;
        // Stands in for an nginx -t stuck in name resolution: it never answers until killed.
        var hanging = Path.Combine(folder, "nginx");
        await File.WriteAllTextAsync(hanging, $"#!/bin/sh\nexec sleep {HangSeconds}\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(hanging, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var validator = new NginxBinaryValidator(hanging, Path.Combine(folder, "scratch"), TimeSpan.FromMilliseconds(300));
        var config = ConfigPipeline.Run(ClusterSnapshot.Empty, ControllerOptions.Default, NginxSettings.Default).Rendered;

        var result = await validator.ValidateAsync(config, CancellationToken.None);

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.TimedOut, Is.True);
        Assert.That(result.Message, Does.Contain("did not finish within 0.3 s"));
        Assert.That(ProcessesRunning($"sleep\0{HangSeconds}"), Is.Empty, "the stuck nginx -t was killed, not left behind");
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task Nginx_t_that_finishes_in_time_gives_its_verdict()
    {
        var folder = Directory.CreateTempSubdirectory("nginx-ingress-valid-").FullName;
        var validator = new NginxBinaryValidator("nginx", folder, TimeSpan.FromSeconds(30));
        var config = ConfigPipeline.Run(ClusterSnapshot.Empty, ControllerOptions.Default, NginxSettings.Default).Rendered;

        var result = await validator.ValidateAsync(config, CancellationToken.None);

        Assert.That(result, Is.EqualTo(ValidationResult.Valid), result.Message);
        Directory.Delete(folder, recursive: true);
    }

    private static List<int> ProcessesRunning(string commandLine) =>
        Directory.EnumerateDirectories("/proc")
            .Select(directory => (Pid: int.TryParse(Path.GetFileName(directory), out var pid) ? pid : 0, Directory: directory))
            .Where(entry => entry.Pid > 0)
            .Where(entry =>
            {
                try
                {
                    return File.ReadAllText(Path.Combine(entry.Directory, "cmdline")).Contains(commandLine, StringComparison.Ordinal)
                        && !File.ReadAllText(Path.Combine(entry.Directory, "stat")).Contains(") Z ", StringComparison.Ordinal);
                }
                catch (IOException)
                {
                    return false;
                }
            })
            .Select(entry => entry.Pid)
            .ToList();
}
