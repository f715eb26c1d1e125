namespace NginxIngress.TestKit.Hostile;

public enum HostileVerdict
{
    /// <summary>A Problem names the annotation, key or field the value was written to.</summary>
    Rejected,

    /// <summary>Served: same directive structure as the benign value's config, the value only where that one was.</summary>
    Inert,

    /// <summary>Neither: the value changed nginx.conf's structure, landed elsewhere, or crashed the pipeline.</summary>
    Broken,
}
