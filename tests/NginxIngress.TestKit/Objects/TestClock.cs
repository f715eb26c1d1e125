namespace NginxIngress.TestKit.Objects;

/// <summary>Fixed instants for creationTimestamps, so "which Ingress is older" is explicit in a test.</summary>
public static class TestClock
{
    public static readonly DateTime Epoch = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static DateTime At(int second) => Epoch.AddSeconds(second);
}
