namespace NginxIngress.Integration.Tests.Informers;

/// <summary>One call an informer made on its sink: the operation and the names (namespace/name) it carried.</summary>
public sealed record SinkCall(string Operation, IReadOnlyList<string> Names)
{
    public override string ToString() => $"{Operation}({string.Join(", ", Names)})";
}
