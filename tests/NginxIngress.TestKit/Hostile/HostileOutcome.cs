using NginxIngress.Nginx.Rendering;

namespace NginxIngress.TestKit.Hostile;

/// <summary>What one hostile value did in one place, and the config it produced (for nginx -t).</summary>
public sealed record HostileOutcome(HostileTarget Target, string Value, HostileVerdict Verdict, string Detail, RenderedConfig Rendered)
{
    public override string ToString() => $"{Target.Name} = \"{HostileValues.Show(Value)}\": {Verdict}{(Detail.Length == 0 ? "" : ": " + Detail)}";
}
