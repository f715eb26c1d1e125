namespace NginxIngress.Kubernetes.Informers;

/// <summary>
/// Where an informer delivers the objects of one kind. One informer calls its sink from one loop, so calls
/// for a kind never overlap; informers of different kinds call their sinks concurrently.
/// </summary>
public interface IInformerSink<in T>
{
    /// <summary>
    /// After every complete (re)list: the full set of objects of this kind. The store REPLACES its view of the
    /// kind, so objects deleted while the watch was down disappear (no DELETED event is ever sent for them).
    /// </summary>
    void Replace(IReadOnlyCollection<T> items);

    void Upsert(T item);

    void Delete(T item);
}
