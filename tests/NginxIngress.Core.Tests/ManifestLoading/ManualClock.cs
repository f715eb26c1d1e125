namespace NginxIngress.Core.Tests.ManifestLoading;

/// <summary>A clock that moves only when a test moves it, so "long after" needs no waiting.</summary>
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
