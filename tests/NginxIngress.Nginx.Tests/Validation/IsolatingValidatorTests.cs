using NginxIngress.Core.Settings;
using NginxIngress.Core.Snapshot;
using NginxIngress.Nginx.Pipeline;
using NginxIngress.Nginx.Rendering;
using NginxIngress.Nginx.Translation;
using NginxIngress.Nginx.Validation;
using NginxIngress.TestKit.Objects;

namespace NginxIngress.Nginx.Tests.Validation;

/// <summary>
/// The search for a config nginx accepts, against a stand-in for nginx -t that rejects any config serving
/// certain Ingresses and names the line it would: the culprit's own location, the server they all share, or
/// none. (IsolationTests in the Integration project does the same against the real nginx.)
/// </summary>
[TestFixture]
public sealed class IsolatingValidatorTests
{
    private const string Host = "shared.example.com";

    /// <summary>Eight Ingresses with one path each on the same host, ing-0 the oldest.</summary>
    private static readonly ClusterSnapshot Snapshot = SnapshotBuilder.WithNginxClass(
        [Workload.Create(), .. Enumerable.Range(0, 8).Select(i => new IngressBuilder($"ing-{i}").Class("nginx").CreatedAt(i).Path(Host, $"/p{i}"))]);

    private static ObjectKey Ing(int i) => new("default", $"ing-{i}");

    private static PipelineResult Render(IReadOnlySet<ObjectKey> leftOut) =>
        ConfigPipeline.Run(Snapshot, ControllerOptions.Default, NginxSettings.Default, leftOut);

    private static readonly IComparer<ObjectKey> OldestFirst = Comparer<ObjectKey>.Create((a, b) => string.CompareOrdinal(a.Name, b.Name));

    public enum Blame
    {
        /// <summary>nginx names a line of the culprit's own location.</summary>
        Location,

        /// <summary>nginx names a line of the server block every Ingress shares.</summary>
        SharedServer,

        /// <summary>nginx names no line of an Ingress at all.</summary>
        Nothing,
    }

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData(new[] { 5 }, Blame.Location, new[] { 5 }).SetName("A location line excludes its Ingress at once");
        yield return new TestCaseData(new[] { 5 }, Blame.SharedServer, new[] { 5 }).SetName("A shared server line is bisected down to the one culprit");
        yield return new TestCaseData(new[] { 0 }, Blame.SharedServer, new[] { 0 }).SetName("Bisection finds the oldest Ingress when it is the culprit");
        yield return new TestCaseData(new[] { 2, 6 }, Blame.Nothing, new[] { 2, 6 }).SetName("An unattributed rejection is bisected over every Ingress");
        yield return new TestCaseData(new[] { 1, 3, 4 }, Blame.SharedServer, new[] { 1, 3, 4 }).SetName("Several culprits sharing a server are all found");
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Leaves_out_exactly_the_ingresses_nginx_rejects(int[] culprits, Blame blame, int[] expected)
    {
        var nginx = new StandInNginx(config => culprits.Any(c => Serves(config, c)), blame, culprits);

        var result = await new IsolatingValidator(nginx).ValidateAsync(Render, new HashSet<ObjectKey>(), OldestFirst, CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(IsolationOutcome.Valid));
        Assert.That(result.Rejected.Keys, Is.EquivalentTo(expected.Select(Ing)));
        var servable = result.Servable!.Rendered.Text;
        Assert.That(Enumerable.Range(0, 8).Where(i => !expected.Contains(i)).Where(i => !servable.Contains($"\"/p{i}/\"", StringComparison.Ordinal)), Is.Empty,
            "every innocent Ingress is in the config that goes live");
        Assert.That(result.Rejected.Values, Has.All.Contains("stand-in nginx rejects"), "each exclusion carries nginx's own message");
    }

    [Test]
    public async Task Two_ingresses_that_fail_only_together_leave_out_the_newer()
    {
        var nginx = new StandInNginx(config => Serves(config, 2) && Serves(config, 6), Blame.SharedServer, [2, 6]);

        var result = await new IsolatingValidator(nginx).ValidateAsync(Render, new HashSet<ObjectKey>(), OldestFirst, CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(IsolationOutcome.Valid));
        Assert.That(result.Rejected.Keys, Is.EqualTo(new[] { Ing(6) }));
    }

    [Test]
    public async Task Ingresses_already_excluded_stay_out_without_another_search()
    {
        var nginx = new StandInNginx(config => Serves(config, 3), Blame.SharedServer, [3]);

        var result = await new IsolatingValidator(nginx).ValidateAsync(Render, new HashSet<ObjectKey> { Ing(3) }, OldestFirst, CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(IsolationOutcome.Valid));
        Assert.That(result.Rejected, Is.Empty, "nothing new was rejected");
        Assert.That(nginx.Runs, Is.EqualTo(1), "one nginx -t, on the config without ing-3");
    }

    [Test]
    public async Task A_rejection_no_ingress_causes_is_unattributable_and_excludes_nobody()
    {
        var nginx = new StandInNginx(_ => true, Blame.Nothing, []);

        var result = await new IsolatingValidator(nginx).ValidateAsync(Render, new HashSet<ObjectKey>(), OldestFirst, CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(IsolationOutcome.Unattributable));
        Assert.That(result.Rejected, Is.Empty);
        Assert.That(result.Message, Does.Contain("stand-in nginx rejects"));
    }

    [Test]
    public async Task A_search_that_runs_out_of_tries_serves_nothing_new()
    {
        var nginx = new StandInNginx(config => Enumerable.Range(0, 8).Any(i => Serves(config, i)), Blame.Nothing, [.. Enumerable.Range(0, 8)]);

        var result = await new IsolatingValidator(nginx, maxValidations: 4).ValidateAsync(Render, new HashSet<ObjectKey>(), OldestFirst, CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(IsolationOutcome.Unattributable));
        Assert.That(result.Servable, Is.Null);
        Assert.That(nginx.Runs, Is.EqualTo(4));
    }

    [Test]
    public async Task A_timed_out_nginx_t_during_bisection_blames_nobody()
    {
        var nginx = new StandInNginx(config => Serves(config, 5), Blame.SharedServer, [5]) { TimeOutFromRun = 2 };

        var result = await new IsolatingValidator(nginx).ValidateAsync(Render, new HashSet<ObjectKey>(), OldestFirst, CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(IsolationOutcome.TimedOut));
        Assert.That(result.Rejected, Is.Empty);
    }

    /// <summary>Eight Ingresses, each on a host of its own: the shape in which a change touches few server blocks.</summary>
    private static readonly ClusterSnapshot Hosts = SnapshotBuilder.WithNginxClass(
        [Workload.Create(), .. Enumerable.Range(0, 8).Select(i => new IngressBuilder($"ing-{i}").Class("nginx").CreatedAt(i).Path($"host-{i}.example", $"/p{i}"))]);

    private static PipelineResult RenderHosts(IReadOnlySet<ObjectKey> leftOut) =>
        ConfigPipeline.Run(Hosts, ControllerOptions.Default, NginxSettings.Default, leftOut);

    [Test]
    public async Task Against_the_served_config_a_bad_new_ingress_is_found_by_checking_only_its_own_host()
    {
        var served = RenderHosts(new HashSet<ObjectKey> { Ing(7) }).Config;
        var nginx = new StandInNginx(config => Serves(config, 7), Blame.Location, [7]);

        var result = await new IsolatingValidator(nginx).ValidateAsync(RenderHosts, new HashSet<ObjectKey>(), OldestFirst, CancellationToken.None, served);

        Assert.That(result.Outcome, Is.EqualTo(IsolationOutcome.Valid));
        Assert.That(result.Rejected.Keys, Is.EqualTo(new[] { Ing(7) }));
        Assert.That(nginx.Runs, Is.EqualTo(1), "one narrowed nginx -t names the culprit; without it the candidate is the served config");
        Assert.That(result.FullValidations, Is.Zero);
        Assert.That(nginx.Checked.Single(), Does.Contain("server_name \"host-7.example\"").And.Not.Contain("server_name \"host-0.example\""),
            "nginx -t saw the new host, not the seven it already serves");
    }

    [Test]
    public async Task A_candidate_of_blocks_nginx_already_serves_costs_no_nginx_t()
    {
        var served = RenderHosts(new HashSet<ObjectKey>()).Config;
        var nginx = new StandInNginx(_ => false, Blame.Nothing, []);

        var result = await new IsolatingValidator(nginx).ValidateAsync(RenderHosts, new HashSet<ObjectKey> { Ing(3) }, OldestFirst, CancellationToken.None, served);

        Assert.That(result.Outcome, Is.EqualTo(IsolationOutcome.Valid));
        Assert.That(result.Servable!.Rendered.Text, Does.Not.Contain("host-3.example"));
        Assert.That(nginx.Runs, Is.Zero, "an Ingress deleted: every block left was accepted and served before");
    }

    private static bool Serves(RenderedConfig config, int ingress) => config.Text.Contains($"\"/p{ingress}/\"", StringComparison.Ordinal);

    /// <summary>Rejects a config when <paramref name="rejects"/> says so, naming a line the way <paramref name="blame"/> says.</summary>
    private sealed class StandInNginx(Func<RenderedConfig, bool> rejects, Blame blame, int[] culprits) : INginxValidator
    {
        public int Runs { get; private set; }

        /// <summary>The text of every config checked, in order.</summary>
        public List<string> Checked { get; } = [];

        /// <summary>From this run on, every run times out.</summary>
        public int TimeOutFromRun { get; init; } = int.MaxValue;

        public Task<ValidationResult> ValidateAsync(RenderedConfig config, CancellationToken cancellationToken)
        {
            Runs++;
            Checked.Add(config.Text);
            if (Runs >= TimeOutFromRun)
            {
                return Task.FromResult(new ValidationResult(false, "timed out", null, TimedOut: true));
            }
            if (!rejects(config))
            {
                return Task.FromResult(ValidationResult.Valid);
            }
            var lines = config.Text.Split('\n');
            int? line = blame switch
            {
                Blame.Location => Array.FindIndex(lines, l => culprits.Any(c => l.Contains($"location \"/p{c}/\"", StringComparison.Ordinal))) + 1,
                Blame.SharedServer => Array.FindIndex(lines, l => l.Contains($"server_name \"{Host}\"", StringComparison.Ordinal)) + 1,
                _ => null,
            };
            return Task.FromResult(new ValidationResult(false, $"stand-in nginx rejects line {line}", line));
        }
    }
}
