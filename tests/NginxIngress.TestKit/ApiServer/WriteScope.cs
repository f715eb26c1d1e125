namespace NginxIngress.TestKit.ApiServer;

/// <summary>Which part of an object a write may change: the status subresource splits the two halves.</summary>
internal enum WriteScope
{
    /// <summary>PUT or PATCH of the resource itself: status is kept as it was, when the resource has a status subresource.</summary>
    Main,

    /// <summary>PUT or PATCH of <c>/status</c>: only status changes; spec and metadata are kept.</summary>
    Status,

    /// <summary>In-process seeding: the object as given, status included, like a write straight into etcd.</summary>
    Whole,
}
