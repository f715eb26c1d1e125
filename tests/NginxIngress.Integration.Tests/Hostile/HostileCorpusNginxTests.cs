using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using CliWrap;
using CliWrap.Buffered;
using NginxIngress.Nginx.Rendering;
using NginxIngress.Nginx.Runtime;
using NginxIngress.TestKit.Hostile;
using NUnit.Framework;

namespace NginxIngress.Integration.Tests.Hostile;

/// <summary>
/// The other half of NginxIngress.Nginx.Tests' HostileCorpusTests: real nginx accepts every distinct config the
/// hostile corpus renders (each value in each place, and each place's benign value). A value that is "inert" to
/// the test's tokenizer but fails nginx -t would still take the whole controller's config down.
/// </summary>
[TestFixture]
public sealed class HostileCorpusNginxTests
{
    /// <summary>The machine's cores are shared; nginx -t is single-threaded.</summary>
    private const int Parallel = 2;

    [Test]
    public async Task Every_distinct_config_of_the_hostile_corpus_passes_nginx_t()
    {
        var clock = Stopwatch.StartNew();
        // Streamed: only one outcome per distinct config is kept, not ~5,000 configs of ~15 KB each.
        var distinctByVersion = new Dictionary<string, HostileOutcome>(StringComparer.Ordinal);
        var verdicts = new Dictionary<HostileVerdict, int>();
        foreach (var outcome in HostileTargets.All.SelectMany(target => HostileCorpus.Run(target, [target.Benign, .. HostileValues.All])))
        {
            distinctByVersion.TryAdd(outcome.Rendered.Version, outcome);
            verdicts[outcome.Verdict] = verdicts.GetValueOrDefault(outcome.Verdict) + 1;
        }
        var distinct = distinctByVersion.Values.ToList();
        var rendered = clock.Elapsed;

        var failures = new ConcurrentBag<string>();
        await System.Threading.Tasks.Parallel.ForEachAsync(distinct, new ParallelOptions { MaxDegreeOfParallelism = Parallel }, async (outcome, token) =>
        {
            if (await NginxTest(outcome.Rendered, token) is { } error)
            {
                failures.Add($"{outcome}\n{error}");
            }
        });

        TestContext.Progress.WriteLine(
            $"hostile corpus: {HostileValues.All.Count} values x {HostileTargets.All.Count} places = {HostileValues.All.Count * HostileTargets.All.Count} cases, " +
            $"plus each place's benign value ({verdicts.GetValueOrDefault(HostileVerdict.Rejected)} refused, {verdicts.GetValueOrDefault(HostileVerdict.Inert)} inert, " +
            $"{verdicts.GetValueOrDefault(HostileVerdict.Broken)} broken); " +
            $"rendered in {rendered.TotalSeconds:F1} s; nginx -t on {distinct.Count} distinct configs in {(clock.Elapsed - rendered).TotalSeconds:F1} s");
        Assert.That(failures, Is.Empty, string.Join("\n\n", failures));
    }

    private static async Task<string?> NginxTest(RenderedConfig config, CancellationToken cancellationToken)
    {
        var prefix = Directory.CreateTempSubdirectory("hostile-config-").FullName;
        try
        {
            var path = Path.Combine(prefix, "nginx.conf");
            await BundleWriter.WriteFilesAsync(prefix, config.Files, cancellationToken);
            await File.WriteAllTextAsync(path, config.Text, cancellationToken);
            var result = await Cli.Wrap(NginxBinary)
                .WithArguments(["-t", "-q", "-p", prefix + "/", "-c", path, "-e", "stderr"])
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(Encoding.UTF8, cancellationToken);
            return result.ExitCode == 0 ? null : result.StandardError;
        }
        finally
        {
            Directory.Delete(prefix, recursive: true);
        }
    }

    private static string NginxBinary =>
        Environment.GetEnvironmentVariable("NGINX_BINARY") is { Length: > 0 } configured ? configured : File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
}
