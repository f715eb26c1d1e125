using k8s;
using k8s.Models;
using NginxIngress.Kubernetes.Informers;

namespace NginxIngress.Kubernetes.Store;

/// <summary>Feeds one informer's objects into the store, as one kind of a <see cref="StoreSource"/>.</summary>
public sealed class StoreSink<T>(StoreSource source) : IInformerSink<T>
    where T : IKubernetesObject<V1ObjectMeta>
{
    public void Replace(IReadOnlyCollection<T> items) => source.Replace(items);

    public void Upsert(T item) => source.Upsert(item);

    public void Delete(T item) => source.Delete(item);
}
