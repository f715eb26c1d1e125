using NginxIngress.Core.Snapshot;

namespace NginxIngress.Core.Diagnostics;

/// <summary>
/// A bug met while one Ingress was being built, translated or printed: not bad input (that is a
/// <see cref="Problem"/>), but an exception nobody expected. It names the Ingress, so the pipeline can
/// leave that one out and still serve everything else, instead of failing the whole reconcile.
/// </summary>
public sealed class IngressFaultException(ObjectKey ingress, string stage, Exception inner)
    : Exception($"{stage} Ingress {ingress} failed: {inner.GetType().Name}: {inner.Message}", inner)
{
    public ObjectKey Ingress { get; } = ingress;

    /// <summary>Which stage failed, in words: "building", "translating" or "rendering".</summary>
    public string Stage { get; } = stage;

    /// <summary>Runs <paramref name="work"/>, turning any exception but a fault that already names an Ingress into one naming <paramref name="ingress"/>.</summary>
    public static T Guard<T>(ObjectKey ingress, string stage, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (Exception e) when (e is not IngressFaultException and not OperationCanceledException)
        {
            throw new IngressFaultException(ingress, stage, e);
        }
    }

    /// <inheritdoc cref="Guard{T}(ObjectKey, string, Func{T})"/>
    public static void Guard(ObjectKey ingress, string stage, Action work) =>
        Guard(ingress, stage, () =>
        {
            work();
            return true;
        });
}
