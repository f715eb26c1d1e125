namespace NginxIngress.Kubernetes.Informers;

/// <summary>The kind-independent face of an informer, so a set of them can be run and awaited together.</summary>
public interface IResourceInformer
{
    /// <summary>The kind, and its namespace when narrowed, for logs.</summary>
    string Name { get; }

    /// <summary>True once the first full list has been delivered to the sink.</summary>
    bool HasSynced { get; }

    /// <summary>Completes when the first full list has been delivered; cancelled if the loop stops before that.</summary>
    Task Synced { get; }

    /// <summary>Lists and watches until cancelled. Never ends on a server or sink error.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
