using System.Collections.Immutable;
using NginxIngress.Core.Snapshot;
using NginxIngress.Nginx.Pipeline;

namespace NginxIngress.Nginx.Validation;

public enum IsolationOutcome
{
    /// <summary>nginx accepts <see cref="IsolationResult.Servable"/>, with <see cref="IsolationResult.Rejected"/> left out.</summary>
    Valid,

    /// <summary>nginx rejects the config even without any Ingress, or the search ran out of tries: keep the last good config.</summary>
    Unattributable,

    /// <summary>nginx -t did not finish in time: nothing is known, so nothing is excluded; try again later.</summary>
    TimedOut,

    /// <summary>
    /// nginx could not load the certificate of <see cref="IsolationResult.Certificate"/>: render again with that
    /// Secret's certificate treated as unusable, so only its hosts fall back to the default certificate.
    /// </summary>
    CertificateRejected,
}

/// <param name="Servable">The config to apply when the outcome is <see cref="IsolationOutcome.Valid"/>.</param>
/// <param name="Rejected">Ingresses newly left out, each with nginx's message about it.</param>
/// <param name="Message">nginx's message when nothing servable was found.</param>
/// <param name="Validations">How many times nginx -t ran (none when every block was already verified live).</param>
public sealed record IsolationResult(
    IsolationOutcome Outcome,
    PipelineResult? Servable,
    ImmutableDictionary<ObjectKey, string> Rejected,
    string Message,
    int Validations)
{
    /// <summary>The Secret whose certificate nginx rejected, with <see cref="IsolationOutcome.CertificateRejected"/>.</summary>
    public ObjectKey? Certificate { get; init; }

    /// <summary>How many of <see cref="Validations"/> checked a whole candidate; the rest checked only what changed (<see cref="ValidationScope"/>).</summary>
    public int FullValidations { get; init; }
}
