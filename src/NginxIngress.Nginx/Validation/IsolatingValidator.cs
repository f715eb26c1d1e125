using System.Collections.Immutable;
using NginxIngress.Core.Snapshot;
using NginxIngress.Nginx.Config;
using NginxIngress.Nginx.Pipeline;
using NginxIngress.Nginx.Rendering;

namespace NginxIngress.Nginx.Validation;

/// <summary>
/// Finds a config nginx accepts by leaving out only the Ingresses that make it fail, so one bad Ingress
/// never blocks the others (the ingress-nginx failure this project exists to fix). Each rejection is traced
/// through the source map; a line owned by one Ingress excludes that Ingress at once. A line shared by several
/// (a server or an upstream block) or owned by nobody is settled by bisection: validate without half of the
/// suspects, and so on, until the culprits are found. That costs about two nginx -t runs per culprit per
/// halving, so it is bounded by <paramref name="maxValidations"/>.
/// Each try checks only what <see cref="ValidationScope"/> says it must, given the config nginx was last verified
/// to serve: a try whose every block nginx already accepted costs no nginx -t, and one that changed a few
/// servers parses those, not the whole cluster. Attribution reads the source map of what was checked.
/// </summary>
public sealed class IsolatingValidator(INginxValidator validator, int maxValidations = IsolatingValidator.DefaultMaxValidations)
{
    /// <summary>Enough to bisect a few culprits out of 10k suspects (log2 10k ≈ 14 halvings each).</summary>
    public const int DefaultMaxValidations = 48;

    /// <param name="render">Renders the candidate without the given Ingresses (pure; called once per try).</param>
    /// <param name="excluded">Ingresses already left out (rejected earlier and unchanged since).</param>
    /// <param name="precedence">Orders suspects, the one to keep first (the oldest Ingress, as conflicts go); by namespace/name when null.</param>
    /// <param name="baseline">The config nginx was last verified to serve, or null to check every try in full.</param>
    public async Task<IsolationResult> ValidateAsync(
        Func<IReadOnlySet<ObjectKey>, PipelineResult> render,
        IReadOnlySet<ObjectKey> excluded,
        IComparer<ObjectKey>? precedence,
        CancellationToken cancellationToken,
        NginxConfig? baseline = null)
    {
        var search = new Search(validator, render, baseline, maxValidations, cancellationToken);
        var leftOut = excluded.ToHashSet();
        var rejected = ImmutableDictionary.CreateBuilder<ObjectKey, string>();
        try
        {
            return await IsolateAsync(search, leftOut, rejected, precedence ?? Comparer<ObjectKey>.Default);
        }
        catch (BudgetExhaustedException)
        {
            // Culprits found in earlier rounds were confirmed, but the config as a whole was not: serve nothing new.
            return new IsolationResult(IsolationOutcome.Unattributable, null, rejected.ToImmutable(),
                $"no config nginx accepts was found within {maxValidations} runs of nginx -t", search.Validations) { FullValidations = search.FullValidations };
        }
        catch (SearchTimedOutException e)
        {
            return new IsolationResult(IsolationOutcome.TimedOut, null, rejected.ToImmutable(), e.Message, search.Validations) { FullValidations = search.FullValidations };
        }
    }

    private static async Task<IsolationResult> IsolateAsync(Search search, HashSet<ObjectKey> leftOut, ImmutableDictionary<ObjectKey, string>.Builder rejected, IComparer<ObjectKey> precedence)
    {
        while (true)
        {
            var (candidate, checkedConfig, verdict) = await search.TryAsync(leftOut);
            if (verdict.IsValid)
            {
                return new IsolationResult(IsolationOutcome.Valid, candidate, rejected.ToImmutable(), "", search.Validations) { FullValidations = search.FullValidations };
            }
            if (verdict.TimedOut)
            {
                return new IsolationResult(IsolationOutcome.TimedOut, null, rejected.ToImmutable(), verdict.Message, search.Validations) { FullValidations = search.FullValidations };
            }
            var (config, rendered) = checkedConfig!.Value;
            if (verdict.File is { } file && rendered.Files.FirstOrDefault(bundled => bundled.RelativePath == file) is { Secret: { } secret })
            {
                // A certificate, not an Ingress: leaving out Ingresses would drop their routes for the sake of one host's TLS.
                return new IsolationResult(IsolationOutcome.CertificateRejected, null, rejected.ToImmutable(), verdict.Message, search.Validations)
                {
                    Certificate = secret,
                    FullValidations = search.FullValidations,
                };
            }

            // Suspects are the Ingresses of what nginx -t saw: with a narrowed check, only those of the changed blocks.
            var included = Included(config);
            var suspects = ValidationAttribution.Trace(rendered.SourceMap, verdict.Line);
            var inBlock = Order(suspects.Ingresses.Where(included.Contains), precedence);
            IReadOnlyCollection<ObjectKey>? culprits = suspects.IsExact && inBlock.Count == 1
                ? inBlock
                : await search.BisectAsync(inBlock, leftOut);
            if (culprits is null && inBlock.Count < included.Count)
            {
                // Nobody owns the line, or leaving out everyone in its block did not help: suspect every Ingress.
                culprits = await search.BisectAsync(Order(included, precedence), leftOut);
            }
            if (culprits is null or { Count: 0 })
            {
                return new IsolationResult(IsolationOutcome.Unattributable, null, rejected.ToImmutable(), verdict.Message, search.Validations) { FullValidations = search.FullValidations };
            }
            foreach (var culprit in culprits)
            {
                rejected[culprit] = verdict.Message;
                leftOut.Add(culprit);
            }
        }
    }

    /// <summary>Every Ingress the config serves something for.</summary>
    private static HashSet<ObjectKey> Included(NginxConfig config) =>
        config.Servers.SelectMany(server => server.Ingresses)
            .Concat(config.Upstreams.SelectMany(upstream => upstream.Ingresses))
            .ToHashSet();

    /// <summary>A fixed order, so the same cluster bisects the same way every time.</summary>
    private static List<ObjectKey> Order(IEnumerable<ObjectKey> keys, IComparer<ObjectKey> precedence) =>
        keys.Distinct().Order(precedence).ThenBy(key => key).ToList();

    private sealed class BudgetExhaustedException : Exception;

    private sealed class SearchTimedOutException(string message) : Exception(message);

    /// <summary>One isolation's tries, counted against the budget.</summary>
    private sealed class Search(INginxValidator validator, Func<IReadOnlySet<ObjectKey>, PipelineResult> render, NginxConfig? baseline, int maxValidations, CancellationToken cancellationToken)
    {
        /// <summary>Runs of nginx -t, narrowed or full.</summary>
        public int Validations { get; private set; }

        /// <summary>Runs of nginx -t on a whole candidate.</summary>
        public int FullValidations { get; private set; }

        /// <returns>The candidate, what nginx -t checked of it (null when nothing needed checking), and the verdict.</returns>
        public async Task<(PipelineResult Candidate, (NginxConfig Config, RenderedConfig Rendered)? Checked, ValidationResult Verdict)> TryAsync(IReadOnlySet<ObjectKey> leftOut)
        {
            var candidate = render(leftOut);
            var scope = ValidationScope.For(baseline, candidate.Config);
            if (scope.Kind == ValidationScopeKind.Covered)
            {
                return (candidate, null, ValidationResult.Valid);
            }
            if (Validations >= maxValidations)
            {
                // Stop the whole search: a verdict made up here would let bisection blame an innocent Ingress.
                throw new BudgetExhaustedException();
            }
            Validations++;
            var (config, rendered) = scope.Kind == ValidationScopeKind.Full
                ? (candidate.Config, candidate.Rendered)
                : (scope.Checked!, NginxConfigRenderer.Render(scope.Checked!));
            if (scope.Kind == ValidationScopeKind.Full)
            {
                FullValidations++;
            }
            return (candidate, (config, rendered), await validator.ValidateAsync(rendered, cancellationToken));
        }

        private async Task<bool> PassesAsync(IEnumerable<ObjectKey> leftOut)
        {
            var (_, _, verdict) = await TryAsync(leftOut.ToHashSet());
            // A run that timed out says nothing about the config; reading it as a rejection would blame an innocent Ingress.
            return verdict.TimedOut ? throw new SearchTimedOutException(verdict.Message) : verdict.IsValid;
        }

        /// <summary>
        /// The suspects to leave out so that nginx accepts the config, or null when leaving out all of them is
        /// not enough. Known on entry: the config fails with <paramref name="leftOut"/> left out.
        /// </summary>
        public async Task<IReadOnlyCollection<ObjectKey>?> BisectAsync(List<ObjectKey> suspects, IReadOnlySet<ObjectKey> leftOut)
        {
            if (suspects.Count == 0 || !await PassesAsync(leftOut.Concat(suspects)))
            {
                return null;
            }
            return await FindAsync(suspects, leftOut);
        }

        /// <summary>
        /// Known on entry: the config passes with <paramref name="leftOut"/> and all <paramref name="suspects"/> left
        /// out, and fails with only <paramref name="leftOut"/>. Returns culprits among the suspects such that the
        /// config passes with <paramref name="leftOut"/> and them left out. The first half (the older Ingresses)
        /// is tried on its own first, so when two Ingresses only fail together, the newer one is left out.
        /// </summary>
        private async Task<IReadOnlyCollection<ObjectKey>> FindAsync(List<ObjectKey> suspects, IReadOnlySet<ObjectKey> leftOut)
        {
            if (suspects.Count == 1)
            {
                return suspects;
            }
            var first = suspects[..(suspects.Count / 2)];
            var second = suspects[(suspects.Count / 2)..];
            if (await PassesAsync(leftOut.Concat(second)))
            {
                // The first half is fine on its own: the culprits are in the second.
                return await FindAsync(second, leftOut);
            }
            var inFirst = await FindAsync(first, leftOut.Concat(second).ToHashSet());
            var withoutFirst = leftOut.Concat(inFirst).ToHashSet();
            if (await PassesAsync(withoutFirst))
            {
                return inFirst;
            }
            return [.. inFirst, .. await FindAsync(second, withoutFirst)];
        }
    }
}
