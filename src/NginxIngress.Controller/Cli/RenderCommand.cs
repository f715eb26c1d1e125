using System.CommandLine;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Kubernetes.Manifests;
using NginxIngress.Nginx.Pipeline;

namespace NginxIngress.Controller.Cli;

/// <summary>
/// <c>nginx-ingress render --manifests DIR [--output FILE] [--output-dir DIR]</c>: offline, prints the nginx.conf the
/// objects in DIR produce. Made for CI: the output is byte-for-byte stable, so a diff shows only what the manifests
/// changed. Certificates are named by paths derived from their Secrets, never printed; <c>--output-dir</c> writes the
/// whole bundle (nginx.conf and the certificate files) for <c>nginx -t</c>.
/// </summary>
internal static class RenderCommand
{
    public static Command Create(ControllerFlags controllerFlags, NginxFlags nginxFlags)
    {
        var manifests = new Option<DirectoryInfo>("--manifests")
        {
            Description = "Folder of YAML/JSON manifests (read recursively, as kubectl apply -f does).",
            Required = true,
        };
        var output = new Option<FileInfo?>("--output", "-o")
        {
            Description = "Write nginx.conf here instead of standard output.",
        };
        // Unmatched tokens become usage errors in UsageErrors, which can say which flag was meant.
        var command = new Command("render", "Print the nginx.conf that a folder of manifests produces. Problems go to stderr.") { TreatUnmatchedTokensAsErrors = false };
        var outputDirectory = new Option<DirectoryInfo?>("--output-dir")
        {
            Description = "Also write the whole bundle here: nginx.conf and the certificate and key files it names (0600), ready for nginx -t -p DIR/ -c DIR/nginx.conf.",
        };
        command.Options.Add(manifests);
        command.Options.Add(output);
        command.Options.Add(outputDirectory);
        foreach (var option in controllerFlags.All.Concat(nginxFlags.All))
        {
            command.Options.Add(option);
        }
        var unimplemented = UnimplementedFlags.AddTo(command);
        command.SetAction(result =>
        {
            foreach (var warning in unimplemented.Warnings(result))
            {
                Console.Error.WriteLine(warning);
            }
            // render has no --healthz-port: the controller's default one is reserved, as in the Deployment.
            var options = controllerFlags.Bind(result) with
            {
                ReservedPorts = Core.Settings.ControllerOptions.ReservedPortsOf(result.GetValue(nginxFlags.HttpPort), result.GetValue(nginxFlags.HttpsPort),
                    result.GetValue(nginxFlags.StatusPort), Core.Settings.ControllerOptions.DefaultHealthzPort),
            };
            return Execute(result.GetValue(manifests)!, result.GetValue(output), result.GetValue(outputDirectory), options, nginxFlags.Bind(result));
        });
        return command;
    }

    private static int Execute(DirectoryInfo manifests, FileInfo? output, DirectoryInfo? outputDirectory, Core.Settings.ControllerOptions options, Nginx.Translation.NginxSettings settings)
    {
        if (!manifests.Exists)
        {
            Console.Error.WriteLine($"error: {manifests.FullName}: no such folder");
            return ExitCodes.InputUnreadable;
        }

        ManifestLoadResult loaded;
        try
        {
            loaded = new ManifestSnapshotLoader().Load(manifests.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {manifests.FullName}: {e.Message}");
            return ExitCodes.InputUnreadable;
        }

        var result = ConfigPipeline.Run(loaded.Snapshot, options, settings);
        ProblemReport.Write(Console.Error, loaded.Issues, result.Problems, loaded);

        var target = output?.FullName ?? "standard output";
        try
        {
            if (output is null)
            {
                Console.Out.Write(result.Rendered.Text);
            }
            else
            {
                File.WriteAllText(output.FullName, result.Rendered.Text);
            }
            if (outputDirectory is not null)
            {
                target = outputDirectory.FullName;
                Nginx.Runtime.BundleWriter.WriteAsync(outputDirectory.FullName, result.Rendered, CancellationToken.None).GetAwaiter().GetResult();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {target}: {e.Message}");
            return ExitCodes.InputUnreadable;
        }

        var skipped = loaded.Issues.Any(issue => issue.Severity == ProblemSeverity.Error)
            || result.Problems.Any(problem => problem.Severity == ProblemSeverity.Error);
        return skipped ? ExitCodes.RenderedWithSkips : ExitCodes.Rendered;
    }
}
