using System.Text.RegularExpressions;
using CliWrap;
using CliWrap.Buffered;
using NginxIngress.Nginx.Rendering;
using NginxIngress.Nginx.Runtime;

namespace NginxIngress.Nginx.Validation;

/// <summary>
/// Runs <c>nginx -t</c> on a candidate in a private scratch prefix, so a bad candidate never touches the live
/// config. Runs only in the controller, on config built from objects it has validated, never for an
/// admission request (the IngressNightmare lesson, CVE-2025-1974).
/// </summary>
public sealed partial class NginxBinaryValidator(string nginxBinary, string scratchDirectory, TimeSpan? timeout = null) : INginxValidator
{
    /// <summary>
    /// How long one <c>nginx -t</c> may take before it is killed. 10k Ingresses parse in about 3.5 s (make bench);
    /// a run that takes a minute is stuck (a resolver that never answers), and holding the reconcile loop
    /// forever would stop every later change.
    /// </summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private readonly TimeSpan _timeout = timeout ?? DefaultTimeout;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public async Task<ValidationResult> ValidateAsync(RenderedConfig config, CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            // The whole bundle: nginx -t loads every certificate and key the config names.
            BundleWriter.ClearFiles(scratchDirectory, config);
            await BundleWriter.WriteAsync(scratchDirectory, config, cancellationToken);
            var file = Path.Combine(scratchDirectory, "nginx.conf");
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(_timeout);
            BufferedCommandResult result;
            try
            {
                // CliWrap kills the process when the token fires, so a stuck nginx -t does not outlive its deadline.
                result = await Cli.Wrap(nginxBinary)
                    .WithArguments(["-t", "-q", "-p", scratchDirectory + "/", "-c", file, "-e", "stderr"])
                    .WithEnvironmentVariables(variables => variables.Set(MallocTunables.Variable, MallocTunables.ForNginx()))
                    .WithValidation(CommandResultValidation.None)
                    .ExecuteBufferedAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new ValidationResult(false, $"nginx -t did not finish within {_timeout.TotalSeconds:0.#} s and was stopped", null, TimedOut: true);
            }
            if (result.ExitCode == 0)
            {
                return ValidationResult.Valid;
            }
            var message = result.StandardError.Trim();
            var line = ErrorLocation().Match(message) is { Success: true } match && match.Groups["file"].Value == file
                ? int.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture)
                : (int?)null;
            // A certificate nginx could not load is named by its path in quotes: SSL_CTX_use_certificate("…/certs/x.pem").
            var prefix = scratchDirectory.TrimEnd('/') + "/";
            var bundleFile = QuotedPath().Matches(message).Select(found => found.Groups["path"].Value)
                .FirstOrDefault(path => path.StartsWith(prefix, StringComparison.Ordinal) && path != file)?[prefix.Length..];
            return new ValidationResult(false, message.Replace(file, "nginx.conf", StringComparison.Ordinal).Replace(prefix, "", StringComparison.Ordinal), line, File: bundleFile);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    [GeneratedRegex(@"""(?<path>/[^""]+)""")]
    private static partial Regex QuotedPath();

    // nginx ends an [emerg] message with "in /path/nginx.conf:LINE".
    [GeneratedRegex(@"in (?<file>/\S+):(?<line>\d+)")]
    private static partial Regex ErrorLocation();
}
